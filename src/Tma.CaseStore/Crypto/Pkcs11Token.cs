using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Tma.CaseStore;

/// <summary>
/// One logged-in token in the process, shared by every provider that uses it. PKCS#11 keeps the login per
/// application and token, and drops it when the application's last session on the token closes; so one session
/// (the anchor) stays open while the token is in use, and calls run on pooled sessions, one thread per session at a
/// time, as PKCS#11 requires. Key handles are cached by label (handles of token objects are valid in every session).
/// </summary>
internal sealed class Pkcs11Token
{
    private static readonly Dictionary<(string Module, ulong Slot), Pkcs11Token> Open = [];
    private static readonly Lock Gate = new();

    private readonly Pkcs11Module _module;
    private readonly ISlot _slot;
    private readonly byte[] _pin;
    private readonly ConcurrentBag<ISession> _idle = [];
    private readonly ConcurrentDictionary<string, IObjectHandle> _keys = new(StringComparer.Ordinal);
    private readonly int _maxIdle;
    private readonly Lock _loginGate = new();
    private ISession _anchor;
    private int _users;
    private bool _closed;

    private Pkcs11Token(Pkcs11Module module, ISlot slot, string label, byte[] pin, int maxIdle)
    {
        _module = module;
        _slot = slot;
        _pin = pin;
        _maxIdle = Math.Max(0, maxIdle);
        Label = label;
        _anchor = LogIn();
    }

    /// <summary>The token's label, for messages.</summary>
    public string Label { get; }

    /// <summary>Pkcs11Interop's factories.</summary>
    public Pkcs11InteropFactories Factories => _module.Factories;

    /// <summary>Finds, loads and logs in to the configured token (or shares the open one); matched by one <see cref="Release"/>.</summary>
    /// <exception cref="Pkcs11KeyProviderException">The module, the token or the PIN is wrong.</exception>
    public static Pkcs11Token Acquire(Pkcs11KeyProviderOptions options)
    {
        var module = Pkcs11Module.Acquire(options.ModulePath);
        try
        {
            var (slot, label) = FindSlot(module, options);
            var pin = Encoding.UTF8.GetBytes(options.Pin);
            lock (Gate)
            {
                if (Open.TryGetValue((module.Path, slot.SlotId), out var open))
                {
                    // The token is already logged in by this process, so the module would not check this PIN again:
                    // compare it with the one that worked.
                    if (!CryptographicOperations.FixedTimeEquals(pin, open._pin))
                    {
                        throw WrongPin(label, "it differs from the PIN this process already logged in with");
                    }

                    open._users++;
                    module.Release();
                    return open;
                }

                var token = new Pkcs11Token(module, slot, label, pin, options.MaxIdleSessions);
                token._users = 1;
                Open[(module.Path, slot.SlotId)] = token;
                return token;
            }
        }
        catch
        {
            module.Release();
            throw;
        }
    }

    /// <summary>Gives up one use; the last one closes the sessions (which logs out) and releases the module.</summary>
    public void Release()
    {
        lock (Gate)
        {
            if (--_users > 0)
            {
                return;
            }

            Open.Remove((_module.Path, _slot.SlotId));
            _closed = true;
            while (_idle.TryTake(out var session))
            {
                session.Dispose();
            }

            _anchor.Dispose();
            _module.Release();
        }
    }

    /// <summary>Runs an operation on a pooled read-only session.</summary>
    /// <remarks>A session the module reports as broken is closed instead of pooled; a lost login is restored, and the
    /// error is rethrown for the caller to retry (see <see cref="IsTransient"/>).</remarks>
    public T Use<T>(Func<ISession, T> operation)
    {
        var session = _idle.TryTake(out var pooled) ? pooled : _slot.OpenSession(SessionType.ReadOnly);
        var keep = true;
        try
        {
            return operation(session);
        }
        catch (Pkcs11Exception ex) when (IsTransient(ex.RV))
        {
            keep = ex.RV is not (CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_ERROR);
            if (ex.RV == CKR.CKR_USER_NOT_LOGGED_IN)
            {
                Relogin();
            }

            throw;
        }
        finally
        {
            if (keep && !_closed && _idle.Count < _maxIdle)
            {
                _idle.Add(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    /// <summary>Runs an operation on a fresh read-write session (creating objects), closed afterwards.</summary>
    public T UseReadWrite<T>(Func<ISession, T> operation)
    {
        using var session = _slot.OpenSession(SessionType.ReadWrite);
        return operation(session);
    }

    /// <summary>The handle of the AES secret key with this label, or null when the token has none.</summary>
    /// <param name="session">The session to search with.</param>
    /// <param name="label">The key's label.</param>
    /// <param name="fresh">Search the token even when a handle is cached (at start-up: the key may have been deleted).</param>
    /// <exception cref="Pkcs11KeyProviderException">More than one AES key carries the label.</exception>
    public IObjectHandle? FindKey(ISession session, string label, bool fresh = false)
    {
        if (fresh)
        {
            _keys.TryRemove(label, out _);
        }
        else if (_keys.TryGetValue(label, out var cached))
        {
            return cached;
        }

        var attributes = _module.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects(
        [
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            attributes.Create(CKA.CKA_LABEL, label),
        ]);
        if (found.Count > 1)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.KeyAmbiguous, string.Create(CultureInfo.InvariantCulture, $"{found.Count} AES keys on token `{Label}` carry the label `{label}`; give each key a label of its own."));
        }

        return found.Count == 0 ? null : _keys.GetOrAdd(label, found[0]);
    }

    /// <summary>Forgets a cached key handle (the module said it is no longer valid).</summary>
    public void Forget(string label) => _keys.TryRemove(label, out _);

    /// <summary>Errors after which the same call may succeed once more: a stale handle, session or login.</summary>
    public static bool IsTransient(CKR rv) => rv is CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID
        or CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_USER_NOT_LOGGED_IN
        or CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_ERROR;

    private ISession LogIn()
    {
        ISession session;
        try
        {
            session = _slot.OpenSession(SessionType.ReadOnly);
        }
        catch (Pkcs11Exception ex)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleFailed, $"Opening a session on token `{Label}` failed ({ex.RV}).", ex);
        }

        try
        {
            session.Login(CKU.CKU_USER, _pin);
            return session;
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            return session;
        }
        catch (Pkcs11Exception ex)
        {
            session.Dispose();
            throw ex.RV switch
            {
                CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE => WrongPin(Label, "the token refused it", ex),
                CKR.CKR_PIN_LOCKED => WrongPin(Label, "the PIN is locked after too many wrong tries; the token's security officer must unlock it", ex),
                _ => new Pkcs11KeyProviderException(Pkcs11Failure.ModuleFailed, $"Logging in to token `{Label}` failed ({ex.RV}).", ex),
            };
        }
    }

    private void Relogin()
    {
        lock (_loginGate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                _anchor.Login(CKU.CKU_USER, _pin);
            }
            catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // Another thread restored it first.
            }
            catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED)
            {
                _anchor = LogIn();
            }
        }
    }

    private static Pkcs11KeyProviderException WrongPin(string label, string why, Exception? inner = null) =>
        new(Pkcs11Failure.WrongPin, $"The PIN of token `{label}` was not accepted: {why}.", inner);

    private static (ISlot Slot, string Label) FindSlot(Pkcs11Module module, Pkcs11KeyProviderOptions options)
    {
        List<(ISlot Slot, string Label)> tokens;
        try
        {
            tokens = [.. module.Library.GetSlotList(SlotsType.WithTokenPresent).Select(slot => (slot, slot.GetTokenInfo().Label.Trim()))];
        }
        catch (Pkcs11Exception ex)
        {
            throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleFailed, $"PKCS#11 module `{module.Path}` could not list its tokens ({ex.RV}).", ex);
        }

        var present = tokens.Count == 0
            ? "no token is present"
            : "tokens present: " + string.Join(", ", tokens.Select(t => string.Create(CultureInfo.InvariantCulture, $"`{t.Label}` (slot {t.Slot.SlotId})")));
        var matches = options.SlotId is { } id
            ? tokens.Where(t => t.Slot.SlotId == id).ToList()
            : tokens.Where(t => string.Equals(t.Label, options.TokenLabel, StringComparison.Ordinal)).ToList();
        var wanted = options.SlotId is { } slotId ? string.Create(CultureInfo.InvariantCulture, $"in slot {slotId}") : $"labelled `{options.TokenLabel}`";
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new Pkcs11KeyProviderException(Pkcs11Failure.TokenNotFound, $"No token {wanted} in PKCS#11 module `{module.Path}`; {present}."),
            _ => throw new Pkcs11KeyProviderException(Pkcs11Failure.TokenNotFound, $"{matches.Count} tokens are {wanted} in PKCS#11 module `{module.Path}`; choose one by slot id ({present})."),
        };
    }
}
