using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Tma.CaseStore;

/// <summary>
/// One loaded PKCS#11 module per path in the process. A module is initialised once (<c>C_Initialize</c>) and
/// finalised when its last user releases it: finalising it earlier would close every other user's sessions.
/// </summary>
internal sealed class Pkcs11Module
{
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private int _users;

    private Pkcs11Module(string path, Pkcs11InteropFactories factories, IPkcs11Library library)
    {
        Path = path;
        Factories = factories;
        Library = library;
    }

    /// <summary>The module's full path.</summary>
    public string Path { get; }

    /// <summary>Pkcs11Interop's factories (attributes, mechanisms, parameters).</summary>
    public Pkcs11InteropFactories Factories { get; }

    /// <summary>The loaded and initialised library.</summary>
    public IPkcs11Library Library { get; }

    private static bool _resolverSet;

    /// <summary>Loads the module (or shares the loaded one); every call is matched by one <see cref="Release"/>.</summary>
    /// <exception cref="Pkcs11KeyProviderException">The module does not exist, cannot be loaded or does not initialise.</exception>
    public static Pkcs11Module Acquire(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(full, out var module))
            {
                if (!File.Exists(full))
                {
                    throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleNotFound, $"PKCS#11 module `{full}` does not exist.");
                }

                ResolveLibdl();
                var factories = new Pkcs11InteropFactories();
                IPkcs11Library library;
                try
                {
                    library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, full, AppType.MultiThreaded);
                }
                catch (Pkcs11Exception ex)
                {
                    throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleFailed, $"PKCS#11 module `{full}` failed to initialise ({ex.RV}).", ex);
                }
                catch (Exception ex) when (ex is UnmanagedException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or IOException)
                {
                    throw new Pkcs11KeyProviderException(Pkcs11Failure.ModuleNotFound, $"`{full}` cannot be loaded as a PKCS#11 module.", ex);
                }

                module = new Pkcs11Module(full, factories, library);
                Loaded[full] = module;
            }

            module._users++;
            return module;
        }
    }

    /// <summary>
    /// Pkcs11Interop loads modules through <c>dlopen</c> from a library it names <c>libdl</c>; glibc 2.34 and later
    /// (Debian 12, Ubuntu 22.04) ship it only as <c>libdl.so.2</c> (and <c>dlopen</c> lives in <c>libc.so.6</c>), without
    /// the unversioned name. Resolve the name to the versioned library once; a resolver the host set first is kept.
    /// </summary>
    private static void ResolveLibdl()
    {
        if (_resolverSet || !OperatingSystem.IsLinux())
        {
            return;
        }

        _resolverSet = true;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, static (name, assembly, paths) =>
                name == "libdl" && (NativeLibrary.TryLoad("libdl.so.2", out var handle) || NativeLibrary.TryLoad("libc.so.6", out handle))
                    ? handle
                    : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for Pkcs11Interop.
        }
    }

    /// <summary>Gives up one use; the last one finalises and unloads the module.</summary>
    public void Release()
    {
        lock (Gate)
        {
            if (--_users > 0)
            {
                return;
            }

            Loaded.Remove(Path);
            Library.Dispose();
        }
    }
}
