using System.Security.Cryptography;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests.Crypto;

/// <summary>The PKCS#11 key provider against the SoftHSM2 token of .ci/softhsm.sh (skipped locally without it, never in CI).</summary>
public sealed class Pkcs11KeyProviderTests
{
    private static readonly byte[] Context = "tma.case-key.v1|tenant-a|case-1"u8.ToArray();

    [SkippableFact]
    public async Task A_data_key_wraps_and_unwraps_under_the_labelled_key()
    {
        var token = SoftHsm.Token();
        using var keys = Pkcs11KeyProvider.Open(token.Options());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = await keys.WrapAsync(dataKey, Context, default);

        Assert.Equal(token.KeyLabel, keys.CurrentKeyId);
        Assert.Equal(token.KeyLabel, wrapped.KeyId);
        Assert.Equal(1 + 12 + 32 + 16, wrapped.Ciphertext.Length);
        Assert.False(wrapped.Ciphertext.AsSpan().IndexOf(dataKey) >= 0);
        Assert.Equal(dataKey, await keys.UnwrapAsync(wrapped, Context, default));
        // A random IV per wrap: the same key wraps differently each time.
        Assert.NotEqual(wrapped.Ciphertext, (await keys.WrapAsync(dataKey, Context, default)).Ciphertext);
    }

    [SkippableFact]
    public async Task A_wrapped_key_is_bound_to_its_context()
    {
        using var keys = Pkcs11KeyProvider.Open(SoftHsm.Token().Options());
        var wrapped = await keys.WrapAsync(RandomNumberGenerator.GetBytes(32), Context, default);

        await Assert.ThrowsAsync<CryptographicException>(async () => await keys.UnwrapAsync(wrapped, "tma.case-key.v1|tenant-a|case-2"u8.ToArray(), default));
        await Assert.ThrowsAsync<CryptographicException>(async () => await keys.UnwrapAsync(wrapped, ReadOnlyMemory<byte>.Empty, default));
    }

    [SkippableFact]
    public async Task An_altered_wrapped_key_fails()
    {
        using var keys = Pkcs11KeyProvider.Open(SoftHsm.Token().Options());
        var wrapped = await keys.WrapAsync(RandomNumberGenerator.GetBytes(32), Context, default);
        var altered = (byte[])wrapped.Ciphertext.Clone();
        altered[20] ^= 1;

        await Assert.ThrowsAsync<CryptographicException>(async () => await keys.UnwrapAsync(wrapped with { Ciphertext = altered }, Context, default));
        await Assert.ThrowsAsync<CryptographicException>(async () => await keys.UnwrapAsync(wrapped with { Ciphertext = wrapped.Ciphertext[..20] }, Context, default));
    }

    [SkippableFact]
    public async Task An_unknown_key_id_fails_with_a_cryptographic_exception_naming_it()
    {
        using var keys = Pkcs11KeyProvider.Open(SoftHsm.Token().Options());
        var wrapped = await keys.WrapAsync(RandomNumberGenerator.GetBytes(32), Context, default);

        var ex = await Assert.ThrowsAsync<CryptographicException>(async () => await keys.UnwrapAsync(wrapped with { KeyId = "no-such-kek" }, Context, default));

        Assert.Contains("`no-such-kek`", ex.Message, StringComparison.Ordinal);
        Assert.False(keys.HoldsKey("no-such-kek"));
        Assert.True(keys.HoldsKey(keys.CurrentKeyId));
    }

    [SkippableFact]
    public async Task A_key_wrapped_under_an_older_label_still_unwraps_after_the_current_label_moves_on()
    {
        var token = SoftHsm.Token();
        using var first = Pkcs11KeyProvider.Open(token.Options(token.KeyLabel));
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await first.WrapAsync(dataKey, Context, default);

        using var second = Pkcs11KeyProvider.Open(token.Options(token.SecondKeyLabel));

        Assert.Equal(token.SecondKeyLabel, (await second.WrapAsync(dataKey, Context, default)).KeyId);
        Assert.Equal(dataKey, await second.UnwrapAsync(wrapped, Context, default));
    }

    [SkippableFact]
    public async Task Many_parallel_wraps_and_unwraps_all_round_trip()
    {
        using var keys = Pkcs11KeyProvider.Open(SoftHsm.Token().Options() with { MaxIdleSessions = 4 });
        var failures = 0;

        await Parallel.ForAsync(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var dataKey = RandomNumberGenerator.GetBytes(32);
            var context = BitConverter.GetBytes(i);
            var wrapped = await keys.WrapAsync(dataKey, context, ct);
            var back = await keys.UnwrapAsync(wrapped, context, ct);
            if (!CryptographicOperations.FixedTimeEquals(dataKey, back))
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [SkippableFact]
    public void A_wrong_pin_is_refused_with_a_clear_error_that_does_not_show_it()
    {
        var token = SoftHsm.Token();

        var ex = Assert.Throws<Pkcs11KeyProviderException>(() => Pkcs11KeyProvider.Open(token.Options() with { Pin = "not-the-pin-4711" }));

        Assert.Equal(Pkcs11Failure.WrongPin, ex.Reason);
        Assert.Contains($"`{token.TokenLabel}`", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_missing_key_label_is_named_with_its_token()
    {
        var token = SoftHsm.Token();

        var ex = Assert.Throws<Pkcs11KeyProviderException>(() => Pkcs11KeyProvider.Open(token.Options("no-such-label")));

        Assert.Equal(Pkcs11Failure.KeyNotFound, ex.Reason);
        Assert.Contains("`no-such-label`", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"`{token.TokenLabel}`", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_missing_token_is_named_with_the_tokens_present()
    {
        var token = SoftHsm.Token();

        var ex = Assert.Throws<Pkcs11KeyProviderException>(() => Pkcs11KeyProvider.Open(token.Options() with { TokenLabel = "no-such-token" }));

        Assert.Equal(Pkcs11Failure.TokenNotFound, ex.Reason);
        Assert.Contains("`no-such-token`", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"`{token.TokenLabel}`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-pkcs11-module-" + Guid.NewGuid().ToString("N") + ".so");

        var ex = Assert.Throws<Pkcs11KeyProviderException>(() => Pkcs11KeyProvider.Open(new Pkcs11KeyProviderOptions { ModulePath = path, TokenLabel = "t", Pin = "1234", KeyLabel = "k" }));

        Assert.Equal(Pkcs11Failure.ModuleNotFound, ex.Reason);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_no_pkcs11_module_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "not-a-module-" + Guid.NewGuid().ToString("N") + ".so");
        File.WriteAllText(path, "not a shared library");
        try
        {
            var ex = Assert.Throws<Pkcs11KeyProviderException>(() => Pkcs11KeyProvider.Open(new Pkcs11KeyProviderOptions { ModulePath = path, TokenLabel = "t", Pin = "1234", KeyLabel = "k" }));

            Assert.Equal(Pkcs11Failure.ModuleNotFound, ex.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_options_never_print_the_pin()
    {
        var options = new Pkcs11KeyProviderOptions { ModulePath = "/m.so", TokenLabel = "t", Pin = "secret-pin-0815", KeyLabel = "k" };

        Assert.DoesNotContain("0815", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("KeyLabel = k", options.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task In_development_a_missing_key_can_be_created_on_the_token()
    {
        var token = SoftHsm.Token();
        var label = "tma-test-created-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var keys = Pkcs11KeyProvider.Open(token.Options(label) with { CreateMissingKey = true }))
            {
                var dataKey = RandomNumberGenerator.GetBytes(32);
                Assert.Equal(dataKey, await keys.UnwrapAsync(await keys.WrapAsync(dataKey, Context, default), Context, default));
            }

            // Created once: a second start finds it without creating another.
            using var again = Pkcs11KeyProvider.Open(token.Options(label));
            Assert.True(again.HoldsKey(label));
        }
        finally
        {
            token.DeleteKey(label);
        }
    }
}
