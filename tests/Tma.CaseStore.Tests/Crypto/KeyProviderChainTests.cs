using System.Security.Cryptography;
using Tma.CaseStore.Tests.Infrastructure;

namespace Tma.CaseStore.Tests.Crypto;

/// <summary>Rotation from one key provider to another: the chain holds the previous provider for unwrapping only.</summary>
public sealed class KeyProviderChainTests
{
    private static readonly byte[] Context = "ctx"u8.ToArray();

    [Fact]
    public async Task The_current_provider_wraps_and_any_provider_in_the_chain_unwraps()
    {
        var previous = TestKeys.Provider("old-1");
        var current = TestKeys.Provider("new-1");
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrappedByOld = await previous.WrapAsync(dataKey, Context, default);
        var chain = new KeyProviderChain(current, previous);

        var wrapped = await chain.WrapAsync(dataKey, Context, default);

        Assert.Equal("new-1", chain.CurrentKeyId);
        Assert.Equal("new-1", wrapped.KeyId);
        Assert.Equal(dataKey, await current.UnwrapAsync(wrapped, Context, default));
        Assert.Equal(dataKey, await chain.UnwrapAsync(wrappedByOld, Context, default));
        await Assert.ThrowsAsync<CryptographicException>(async () => await current.UnwrapAsync(wrappedByOld, Context, default));
    }

    [Fact]
    public async Task A_key_no_provider_holds_fails_with_a_cryptographic_exception()
    {
        var chain = new KeyProviderChain(TestKeys.Provider("new-1"), TestKeys.Provider("old-1"));
        var stranger = await TestKeys.Provider("other").WrapAsync(new byte[32], Context, default);

        var ex = await Assert.ThrowsAsync<CryptographicException>(async () => await chain.UnwrapAsync(stranger, Context, default));

        Assert.Contains("`other`", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<CryptographicException>(async () => await chain.UnwrapAsync(await chain.WrapAsync(new byte[32], Context, default), "wrong"u8.ToArray(), default));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Local_keys_rotate_into_the_hsm_and_are_then_no_longer_needed(Backend backend)
    {
        var token = SoftHsm.Token();
        await using var harness = await StoreHarness.CreateAsync(backend);
        var local = TestKeys.Provider("local-1");
        var world = await World.CreateAsync(await harness.OpenAsync(local));
        var a = await world.FilledCaseAsync("subject a");
        var b = await world.FilledCaseAsync("subject b");

        using var hsm = Pkcs11KeyProvider.Open(token.Options());
        var bridge = new World(await harness.OpenAsync(new KeyProviderChain(hsm, local)), world.Tenant);
        Assert.Equal(3, await bridge.Store.RotateKeysAsync(bridge.Admin)); // two case keys and the pseudonymisation key
        Assert.Equal(0, await bridge.Store.RotateKeysAsync(bridge.Admin));
        Assert.Equal([token.KeyLabel], (await harness.QueryRawAsync<string>("SELECT DISTINCT kek_id FROM case_keys")).ToArray());

        var hsmOnly = new World(await harness.OpenAsync(hsm), world.Tenant);
        Assert.Equal("subject a", (await hsmOnly.Store.GetCaseAsync(hsmOnly.Manager, a.Id)).SubjectReference);
        Assert.Equal("present", (await hsmOnly.Store.GetObservationsAsync(hsmOnly.Manager, b.Id)).Single().Value);
        var created = await hsmOnly.Store.CreateCaseAsync(hsmOnly.Manager, new NewCase("subject c", CaseCategory.Other, new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("subject c", (await hsmOnly.Store.GetCaseAsync(hsmOnly.Manager, created.Id)).SubjectReference);
    }

    [SkippableTheory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task One_hsm_key_rotates_to_the_next_and_the_old_one_is_then_no_longer_needed(Backend backend)
    {
        var token = SoftHsm.Token();
        await using var harness = await StoreHarness.CreateAsync(backend);
        using var keyA = Pkcs11KeyProvider.Open(token.Options(token.KeyLabel));
        var world = await World.CreateAsync(await harness.OpenAsync(keyA));
        var a = await world.FilledCaseAsync("subject a");

        using var keyB = Pkcs11KeyProvider.Open(token.Options(token.SecondKeyLabel));
        var rotating = new World(await harness.OpenAsync(keyB), world.Tenant);
        Assert.Equal(2, await rotating.Store.RotateKeysAsync(rotating.Admin));
        Assert.Equal([token.SecondKeyLabel], (await harness.QueryRawAsync<string>("SELECT DISTINCT kek_id FROM case_keys")).ToArray());

        // Key A stays on the shared test token, so "without it" is a provider that refuses every other key id.
        var withoutA = new World(await harness.OpenAsync(new OnlyKey(keyB)), world.Tenant);
        Assert.Equal("subject a", (await withoutA.Store.GetCaseAsync(withoutA.Manager, a.Id)).SubjectReference);
        Assert.Equal("present", (await withoutA.Store.GetObservationsAsync(withoutA.Manager, a.Id)).Single().Value);
    }

    /// <summary>A provider that unwraps only under its current key: the old key retired.</summary>
    private sealed class OnlyKey(IKeyProvider inner) : IKeyProvider
    {
        public string CurrentKeyId => inner.CurrentKeyId;

        public ValueTask<WrappedKey> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
            inner.WrapAsync(dataKey, context, cancellationToken);

        public ValueTask<byte[]> UnwrapAsync(WrappedKey wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken) =>
            wrappedKey.KeyId == inner.CurrentKeyId
                ? inner.UnwrapAsync(wrappedKey, context, cancellationToken)
                : throw new CryptographicException($"Key `{wrappedKey.KeyId}` is retired.");
    }
}
