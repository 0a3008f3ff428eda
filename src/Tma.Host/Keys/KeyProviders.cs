using System.Globalization;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>
/// Builds the store's key provider from the settings: the current provider (<c>Tma:KeyProvider</c>), and, during a
/// rotation from one provider to another, the previous one for unwrapping only (<c>Tma:PreviousKeyProvider</c>),
/// chained behind it. Start-up failures become <see cref="HostSettingsException"/> problems that name the setting.
/// </summary>
internal static class KeyProviders
{
    public const string Local = "local";
    public const string Pkcs11 = "pkcs11";

    /// <summary>A provider the embedding application registers (a cloud-KMS adapter): <see cref="ApplicationKeyProvider"/>.</summary>
    public const string Application = "application";

    /// <summary>The provider the store uses.</summary>
    /// <exception cref="HostSettingsException">A provider cannot start (module, token, PIN, key or key file).</exception>
    public static IKeyProvider Create(HostSettings settings, ILogger logger, ApplicationKeyProvider? application)
    {
        IKeyProvider current;
        if (settings.KeyProvider == Application)
        {
            current = application?.Provider ?? throw new HostSettingsException([
                "keys: Tma:KeyProvider=application, but the application registered no key provider (services.AddSingleton(new ApplicationKeyProvider(…)) in the host's configure callback; docs/operations.md §3)"]);
        }
        else
        {
            current = Open(settings.KeyProvider, settings.KeysFile, settings.Pkcs11, "Tma:Keys", development: settings.Development);
        }

        if (settings.PreviousKeyProvider is null)
        {
            return current;
        }

        IKeyProvider previous;
        try
        {
            previous = Open(settings.PreviousKeyProvider, settings.PreviousKeysFile, settings.PreviousPkcs11, "Tma:PreviousKeys", development: settings.Development);
        }
        catch
        {
            (current as IDisposable)?.Dispose();
            throw;
        }

        logger.LogWarning(
            "Key rotation bridge: new data keys are wrapped by the {Current} key {CurrentKey}; the {Previous} provider (key {PreviousKey}) only unwraps. Rotate (POST /v1/tenant/keys/rotate for every tenant), then remove Tma:PreviousKeyProvider (docs/operations.md)",
            settings.KeyProvider, current.CurrentKeyId, settings.PreviousKeyProvider, previous.CurrentKeyId);
        return new KeyProviderChain(current, previous);
    }

    private static IKeyProvider Open(string kind, string? keysFile, Pkcs11Settings pkcs11, string keysSetting, bool development)
    {
        if (kind == Pkcs11)
        {
            return OpenPkcs11(pkcs11, development);
        }

        try
        {
            return keysFile is not null ? LocalKeyProvider.FromFile(keysFile) : LocalKeyProvider.FromEnvironment(HostSettings.LocalKeyEnvironment);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            var source = keysFile is not null ? $"{keysSetting} (`{keysFile}`)" : HostSettings.LocalKeyEnvironment;
            throw new HostSettingsException([$"keys: {source}: {ex.Message}"]);
        }
    }

    private static Pkcs11KeyProvider OpenPkcs11(Pkcs11Settings settings, bool development)
    {
        var section = settings.Section;
        string pin;
        try
        {
            pin = settings.PinFile is { } file ? File.ReadAllText(file).TrimEnd() : settings.Pin!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HostSettingsException([$"keys: {section}:PinFile: cannot read `{settings.PinFile}` ({ex.GetType().Name})"]);
        }

        var options = new Pkcs11KeyProviderOptions
        {
            ModulePath = settings.Module!,
            TokenLabel = string.IsNullOrWhiteSpace(settings.TokenLabel) ? null : settings.TokenLabel,
            SlotId = string.IsNullOrWhiteSpace(settings.Slot) ? null : ulong.Parse(settings.Slot, NumberStyles.None, CultureInfo.InvariantCulture),
            Pin = pin,
            KeyLabel = settings.KeyLabel!,
            CreateMissingKey = settings.CreateKey && development,
        };
        try
        {
            return Pkcs11KeyProvider.Open(options);
        }
        catch (Pkcs11KeyProviderException ex)
        {
            var setting = ex.Reason switch
            {
                Pkcs11Failure.ModuleNotFound or Pkcs11Failure.ModuleFailed => $"{section}:Module",
                Pkcs11Failure.TokenNotFound => options.SlotId is null ? $"{section}:TokenLabel" : $"{section}:Slot",
                Pkcs11Failure.WrongPin => settings.PinFile is null ? $"{section}:Pin" : $"{section}:PinFile",
                _ => $"{section}:KeyLabel",
            };
            throw new HostSettingsException([$"keys: {setting}: {ex.Message}"]);
        }
    }
}
