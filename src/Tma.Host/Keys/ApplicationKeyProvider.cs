using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// A key provider the application that embeds the host brings itself — typically an adapter over a cloud KMS (AWS KMS,
/// Azure Key Vault, Google Cloud KMS, Vault transit; the contract is in docs/operations.md §3). Register it in the
/// configure callback of <see cref="TmaHostApp.Create"/> and set <c>Tma:KeyProvider=application</c>:
/// <code>
/// TmaHostApp.Create(args, b => b.Services.AddSingleton(new ApplicationKeyProvider(new MyKmsKeyProvider(…))));
/// </code>
/// The host then treats it like its own providers: it is instrumented, checked by <c>/ready</c>, can be the current
/// provider of a rotation (<c>Tma:PreviousKeyProvider</c>), and is disposed with the host when it is disposable.
/// </summary>
/// <param name="Provider">The provider; it must honour the <see cref="IKeyProvider"/> contract (context binding, <see cref="System.Security.Cryptography.CryptographicException"/> for an unknown key).</param>
public sealed record ApplicationKeyProvider(IKeyProvider Provider);
