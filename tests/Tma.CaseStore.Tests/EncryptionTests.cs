using System.Security.Cryptography;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests;

public sealed class EncryptionTests
{
    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_wrong_key_encryption_key_is_detected_and_reveals_nothing(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync(TestKeys.Provider("k1")));
        var filled = await world.FilledCaseAsync();

        // Same key id, different key bytes.
        var impostor = new LocalKeyProvider([new KeyValuePair<string, byte[]>("k1", TestKeys.Key("not-k1"))]);
        var wrong = new World(await harness.OpenAsync(impostor), world.Tenant);
        var error = await Assert.ThrowsAsync<ContentUnavailableException>(() => wrong.Store.GetObservationsAsync(wrong.Manager, filled.Id));
        Assert.Equal(ContentUnavailableReason.KeyUnavailable, error.Reason);

        // A provider that does not hold the key id at all.
        var other = new World(await harness.OpenAsync(TestKeys.Provider("k9")), world.Tenant);
        var missing = await Assert.ThrowsAsync<ContentUnavailableException>(() => other.Store.GetCaseAsync(other.Manager, filled.Id));
        Assert.Equal(ContentUnavailableReason.KeyUnavailable, missing.Reason);

        // The failures are audited, and the right key still works.
        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Equal(2, trail.Count(e => e.Outcome == AuditOutcome.Failed && e.Detail == "key-unavailable"));
        Assert.Equal("present", (await world.Store.GetObservationsAsync(world.Manager, filled.Id)).Single().Value);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_tampered_ciphertext_is_detected(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        await harness.DropAppendOnlyGuardAsync("observations");
        var value = await harness.ScalarRawAsync<byte[]>("SELECT value FROM observations WHERE id = @Id", new { Id = filled.ObservationId.ToString("D") });
        value![^1] ^= 0x01;
        await harness.ExecuteRawAsync("UPDATE observations SET value = @V WHERE id = @Id", new { V = value, Id = filled.ObservationId.ToString("D") });

        var error = await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetObservationsAsync(world.Manager, filled.Id));
        Assert.Equal(ContentUnavailableReason.IntegrityFailure, error.Reason);
        Assert.Contains("observations.value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("present", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Ciphertexts_swapped_between_rows_or_columns_are_detected(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var filled = await world.FilledCaseAsync();
        var second = await world.Store.AddObservationAsync(world.Manager, filled.Id, new NewObservation("leakage", "absent", harness.Clock.GetUtcNow(), "self report"));
        await harness.DropAppendOnlyGuardAsync("observations");

        // Same case, same key, same column, two rows: swap the values.
        await harness.ExecuteRawAsync(
            """
            UPDATE observations SET value = (SELECT o2.value FROM observations o2 WHERE o2.id = @B) WHERE id = @A
            """,
            new { A = filled.ObservationId.ToString("D"), B = second.Id.ToString("D") });
        var swapped = await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetObservationsAsync(world.Manager, filled.Id));
        Assert.Equal(ContentUnavailableReason.IntegrityFailure, swapped.Reason);

        // Same row, two columns: move the source into the value.
        await harness.ExecuteRawAsync("UPDATE observations SET value = source WHERE id = @B", new { B = second.Id.ToString("D") });
        await harness.ExecuteRawAsync("DELETE FROM observations WHERE id = @A", new { A = filled.ObservationId.ToString("D") });
        var moved = await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetObservationsAsync(world.Manager, filled.Id));
        Assert.Equal(ContentUnavailableReason.IntegrityFailure, moved.Reason);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_ciphertext_moved_to_another_case_of_the_same_tenant_is_detected(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var first = await world.FilledCaseAsync("first subject");
        var second = await world.FilledCaseAsync("second subject");
        await harness.ExecuteRawAsync(
            "UPDATE cases SET subject_ref = (SELECT c2.subject_ref FROM cases c2 WHERE c2.id = @B) WHERE id = @A",
            new { A = first.Id.ToString("D"), B = second.Id.ToString("D") });

        var error = await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetCaseAsync(world.Manager, first.Id));
        Assert.Equal(ContentUnavailableReason.IntegrityFailure, error.Reason);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Crypto_shredding_makes_a_case_unrecoverable_and_keeps_its_metadata_and_trail(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var shredded = await world.FilledCaseAsync("to be erased");
        var kept = await world.FilledCaseAsync("to be kept");
        var wrappedKey = await harness.ScalarRawAsync<byte[]>("SELECT wrapped_key FROM case_keys WHERE case_id = @Id", new { Id = shredded.Id.ToString("D") });

        await world.Store.ShredCaseAsync(world.Admin, shredded.Id);

        Assert.Equal(0L, await harness.ScalarRawAsync<long>("SELECT COUNT(*) FROM case_keys WHERE case_id = @Id", new { Id = shredded.Id.ToString("D") }));
        foreach (var read in new Func<Task>[]
        {
            () => world.Store.GetCaseAsync(world.Manager, shredded.Id),
            () => world.Store.GetObservationsAsync(world.Manager, shredded.Id),
            () => world.Store.GetAssessmentsAsync(world.Manager, shredded.Id),
            () => world.Store.GetDecisionsAsync(world.Manager, shredded.Id),
            () => world.Store.GetDocumentAsync(world.Manager, shredded.Id, shredded.DocumentId),
            () => world.Store.AddObservationAsync(world.Manager, shredded.Id, new NewObservation("i", "v", harness.Clock.GetUtcNow(), "")),
        })
        {
            var error = await Assert.ThrowsAsync<ContentUnavailableException>(read);
            Assert.Equal(ContentUnavailableReason.Shredded, error.Reason);
        }

        // Even with the data key's KEK, nothing is left to unwrap; the other case is untouched.
        var summary = (await world.Store.ListCasesAsync(world.Manager)).Single(c => c.Id == shredded.Id);
        Assert.True(summary.IsShredded);
        Assert.Equal(CaseCategory.Violence, summary.Category);
        Assert.Equal("to be kept", (await world.Store.GetCaseAsync(world.Manager, kept.Id)).SubjectReference);
        Assert.True((await world.Store.VerifyAuditChainAsync(world.Auditor)).IsValid);
        var export = await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, new StringWriter());
        Assert.Equal((1, 1), (export.CasesConsidered, export.CasesShredded));

        if (backend == Backend.Sqlite)
        {
            // No copy of the wrapped data key survives in the database file or its write-ahead log.
            await world.Store.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(harness.SqlitePath)!))
            {
                Assert.False(Bytes.Contains(await File.ReadAllBytesAsync(file), wrappedKey!), $"wrapped key found in {Path.GetFileName(file)}");
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Expired_cases_are_shredded_by_the_retention_sweep(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync());
        var now = harness.Clock.GetUtcNow();
        var soon = await world.Store.CreateCaseAsync(world.Manager, new NewCase("expires", CaseCategory.Other, now.AddDays(30)));
        var later = await world.Store.CreateCaseAsync(world.Manager, new NewCase("stays", CaseCategory.Other, now.AddDays(400)));

        Assert.Empty(await world.Store.ShredExpiredCasesAsync(world.Admin));
        harness.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(new[] { soon.Id }, await world.Store.ShredExpiredCasesAsync(world.Admin));
        await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetCaseAsync(world.Manager, soon.Id));
        Assert.Equal("stays", (await world.Store.GetCaseAsync(world.Manager, later.Id)).SubjectReference);
        var trail = await world.Store.GetAuditTrailAsync(world.Auditor);
        Assert.Contains(trail, e => e.Action == "case.retention-sweep" && e.CaseId == soon.Id && e.Detail == "retention-expired");
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Key_rotation_rewraps_data_keys_without_re_encrypting_data(Backend backend)
    {
        await using var harness = await StoreHarness.CreateAsync(backend);
        var world = await World.CreateAsync(await harness.OpenAsync(TestKeys.Provider("k1")));
        var a = await world.FilledCaseAsync("subject a");
        var b = await world.FilledCaseAsync("subject b");
        var ciphertextsBefore = await harness.QueryRawAsync<byte[]>("SELECT value FROM observations ORDER BY id");
        var csvBefore = new StringWriter();
        await world.Store.ExportAnonymizedAsync(world.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, csvBefore);

        // Rotation needs the old key to unwrap; a provider without it changes nothing.
        var withoutOld = new World(await harness.OpenAsync(TestKeys.Provider("k2")), world.Tenant);
        await Assert.ThrowsAsync<ContentUnavailableException>(() => withoutOld.Store.RotateKeysAsync(withoutOld.Admin));
        Assert.Equal(new[] { "k1" }, (await harness.QueryRawAsync<string>("SELECT DISTINCT kek_id FROM case_keys")).ToArray());

        var both = new World(await harness.OpenAsync(TestKeys.Provider("k1", "k2")), world.Tenant);
        Assert.Equal(3, await both.Store.RotateKeysAsync(both.Admin)); // two case keys and the pseudonymisation key
        Assert.Equal(0, await both.Store.RotateKeysAsync(both.Admin));

        Assert.Equal(new[] { "k2" }, (await harness.QueryRawAsync<string>("SELECT DISTINCT kek_id FROM case_keys")).ToArray());
        Assert.Equal("k2", await harness.ScalarRawAsync<string>("SELECT pseudonym_kek_id FROM tenants WHERE id = @T", new { T = world.Tenant }));
        Assert.Equal(ciphertextsBefore, await harness.QueryRawAsync<byte[]>("SELECT value FROM observations ORDER BY id"));

        // The old KEK can now be retired.
        var onlyNew = new World(await harness.OpenAsync(TestKeys.Provider("k2")), world.Tenant);
        Assert.Equal("subject a", (await onlyNew.Store.GetCaseAsync(onlyNew.Manager, a.Id)).SubjectReference);
        Assert.Equal("present", (await onlyNew.Store.GetObservationsAsync(onlyNew.Manager, b.Id)).Single().Value);
        var csvAfter = new StringWriter();
        await onlyNew.Store.ExportAnonymizedAsync(onlyNew.Researcher, new AnonymizedExportOptions { K = 2, QuasiIdentifiers = [] }, csvAfter);
        Assert.Equal(csvBefore.ToString(), csvAfter.ToString()); // pseudonyms survive rotation
        await Assert.ThrowsAsync<ContentUnavailableException>(() => world.Store.GetCaseAsync(world.Manager, a.Id)); // k1-only provider is locked out
    }

    [Fact]
    public async Task The_local_key_provider_reads_files_and_environment_and_rejects_malformed_keys()
    {
        var text = "# dev keys\n" + LocalKeyProvider.GenerateEntry("2026-01") + "\n" + LocalKeyProvider.GenerateEntry("2026-06") + "\n";
        var path = Path.Combine(Path.GetTempPath(), "tma-keys-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, text);
        try
        {
            var fromFile = LocalKeyProvider.FromFile(path);
            Assert.Equal("2026-06", fromFile.CurrentKeyId);
            Assert.Equal(new[] { "2026-01", "2026-06" }, fromFile.KeyIds);
            var wrapped = await fromFile.WrapAsync(new byte[32], "ctx"u8.ToArray(), default);
            Assert.Equal(new byte[32], await LocalKeyProvider.Parse(text).UnwrapAsync(wrapped, "ctx"u8.ToArray(), default));
            await Assert.ThrowsAnyAsync<CryptographicException>(async () => await fromFile.UnwrapAsync(wrapped, "other"u8.ToArray(), default));
        }
        finally
        {
            File.Delete(path);
        }

        var variable = "TMA_TEST_KEYS_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, TestKeys.Text("a", "b"));
        Assert.Equal("b", LocalKeyProvider.FromEnvironment(variable).CurrentKeyId);
        Environment.SetEnvironmentVariable(variable, null);
        Assert.Throws<InvalidOperationException>(() => LocalKeyProvider.FromEnvironment(variable));

        var secret = Convert.ToBase64String(new byte[16]);
        var malformed = Assert.Throws<FormatException>(() => LocalKeyProvider.Parse("k1:" + secret));
        Assert.DoesNotContain(secret, malformed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LocalKeyProvider.Parse(TestKeys.Text("a", "a")));
    }
}

internal static class Bytes
{
    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
