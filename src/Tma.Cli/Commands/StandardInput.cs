using System.Text;

namespace Tma.Cli.Commands;

/// <summary>
/// <c>--data -</c>: the dataset reader opens files (it locates every error by file, line and column), so standard input
/// is first copied to a temporary file, which is deleted when this object is disposed. Memory stays flat; the disk holds
/// one copy of the input while the command runs. The copy is named <c>stdin</c> (in a temporary folder of its own), so
/// a report that records the dataset's file name says <c>stdin</c>.
/// </summary>
internal sealed class StandardInput : IDisposable
{
    /// <summary>How error messages name the copied input.</summary>
    public const string Label = "<stdin>";

    private StandardInput(string path) => Path = path;

    /// <summary>The temporary copy.</summary>
    public string Path { get; }

    /// <summary>Copies <paramref name="input"/> to a new temporary file (UTF-8, no BOM).</summary>
    public static StandardInput Copy(TextReader input)
    {
        var path = System.IO.Path.Join(Directory.CreateTempSubdirectory("tma-stdin-").FullName, "stdin");
        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
            {
                writer.Write(buffer, 0, read);
            }
        }

        return new StandardInput(path);
    }

    /// <summary>A message with the temporary path replaced by <see cref="Label"/>.</summary>
    public string Relabel(string message) => message.Replace(Path, Label, StringComparison.Ordinal);

    public void Dispose()
    {
        if (System.IO.Path.GetDirectoryName(Path) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
