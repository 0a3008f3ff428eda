using System.CommandLine;
using System.CommandLine.Parsing;

namespace Tma.Cli.Commands;

/// <summary>
/// The one way every command creates its path options and arguments. The parser normalises each path once
/// (<see cref="TryNormalize(string, string, string, out string, out string)"/>: <c>~/</c> expanded, absolute against
/// the current directory, no trailing directory separator, <c>-</c> untouched) and, for paths the command reads,
/// reports a missing file or folder as a parse error naming the option and the path as typed
/// (<c>--data: file not found: ./x.csv</c>; exit code 2). Commands get a <see cref="CommandLinePath"/>:
/// <see cref="CommandLinePath.Full"/> to open, <see cref="CommandLinePath.Given"/> for messages. Default values are
/// normalised but not checked (the command or the host reports them).
/// </summary>
internal static class PathOptions
{
    /// <summary>Reserved for standard input or output: never normalised, never checked.</summary>
    public const string StandardStream = "-";

    /// <summary>What the parser checks about a path.</summary>
    private enum Expect
    {
        Nothing,
        File,
        Folder,
        FileOrFolder,
        ParentFolder,
    }

    /// <summary>A file the command reads; with <paramref name="mustExist"/> a missing one is a parse error.</summary>
    /// <param name="standardStream">True when the command reads standard input for <c>-</c>; otherwise <c>-</c> is a parse error.</param>
    public static Option<CommandLinePath> File(string name, string? alias, string description, bool mustExist, bool required = false, bool standardStream = false) =>
        Single(name, alias, description, mustExist ? Expect.File : Expect.Nothing, required, defaultPath: null, standardStream);

    /// <summary>A folder the command reads; with <paramref name="mustExist"/> a missing one is a parse error.</summary>
    public static Option<CommandLinePath> Folder(string name, string? alias, string description, bool mustExist, bool required = false, string? defaultPath = null) =>
        Single(name, alias, description, mustExist ? Expect.Folder : Expect.Nothing, required, defaultPath, standardStream: false);

    /// <summary>A file or a folder the command reads, e.g. a model package (its folder or its model.yaml).</summary>
    public static Option<CommandLinePath> FileOrFolder(string name, string? alias, string description, bool mustExist, bool required = false) =>
        Single(name, alias, description, mustExist ? Expect.FileOrFolder : Expect.Nothing, required, defaultPath: null, standardStream: false);

    /// <summary>
    /// A file or folder the command writes: normalised, not checked, unless <paramref name="folderMustExist"/> asks
    /// that the folder it is written into exists.
    /// </summary>
    /// <param name="standardStream">True when the command writes standard output for <c>-</c>; otherwise <c>-</c> is a parse error.</param>
    public static Option<CommandLinePath> Output(string name, string? alias, string description, bool required = false, bool folderMustExist = false, string? defaultPath = null, bool standardStream = false) =>
        Single(name, alias, description, folderMustExist ? Expect.ParentFolder : Expect.Nothing, required, defaultPath, standardStream);

    /// <summary>Several files the command reads (a repeatable option).</summary>
    public static Option<CommandLinePath[]> Files(string name, string? alias, string description, bool mustExist, bool required = false) =>
        Many(name, alias, description, mustExist ? Expect.File : Expect.Nothing, required, standardStream: false);

    /// <summary>Several files or folders the command reads (a repeatable option), e.g. model packages.</summary>
    public static Option<CommandLinePath[]> FilesOrFolders(string name, string? alias, string description, bool mustExist, bool required = false) =>
        Many(name, alias, description, mustExist ? Expect.FileOrFolder : Expect.Nothing, required, standardStream: false);

    /// <summary>An argument naming one file the command reads.</summary>
    /// <param name="standardStream">True when the command reads standard input for <c>-</c>; otherwise <c>-</c> is a parse error.</param>
    public static Argument<CommandLinePath> FileArgument(string name, string description, bool mustExist, bool standardStream = false)
    {
        var expect = mustExist ? Expect.File : Expect.Nothing;
        return new Argument<CommandLinePath>(name) { Description = description, CustomParser = result => ParseSingle(result, expect, standardStream) };
    }

    /// <summary>An argument naming one or more files the command reads.</summary>
    public static Argument<CommandLinePath[]> FileArguments(string name, string description, bool mustExist) =>
        ManyArgument(name, description, mustExist ? Expect.File : Expect.Nothing, standardStream: false);

    /// <summary>An argument naming one or more files or folders the command reads, e.g. model packages.</summary>
    public static Argument<CommandLinePath[]> FileOrFolderArguments(string name, string description, bool mustExist) =>
        ManyArgument(name, description, mustExist ? Expect.FileOrFolder : Expect.Nothing, standardStream: false);

    /// <summary>
    /// The normal form of a path from the command line: a leading <c>~</c> or <c>~/</c> becomes
    /// <paramref name="home"/>, the path is made absolute against <paramref name="currentDirectory"/> (<c>.</c> and
    /// <c>..</c> resolved) and loses a trailing directory separator (a root keeps it). <c>-</c> is returned as it is.
    /// False, with the reason in <paramref name="problem"/>, for an empty or invalid path and for <c>~</c> without a home.
    /// </summary>
    public static bool TryNormalize(string path, string currentDirectory, string? home, out string full, out string problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        full = path;
        problem = "";
        if (path == StandardStream)
        {
            return true;
        }

        if (path.Length == 0)
        {
            problem = "empty path";
            return false;
        }

        if (path == "~" || (path.Length > 1 && path[0] == '~' && IsSeparator(path[1])))
        {
            if (string.IsNullOrEmpty(home))
            {
                problem = "`~` cannot be expanded without a home folder";
                return false;
            }

            path = Path.Join(home, path[1..]);
        }

        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, currentDirectory));
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = "not a valid path";
            return false;
        }
    }

    private static bool IsSeparator(char c) => c == Path.DirectorySeparatorChar || c == Path.AltDirectorySeparatorChar;

    private static Option<CommandLinePath> Single(string name, string? alias, string description, Expect expect, bool required, string? defaultPath, bool standardStream)
    {
        var option = new Option<CommandLinePath>(name, Aliases(alias)) { Description = description, Required = required, CustomParser = result => ParseSingle(result, expect, standardStream) };
        if (defaultPath is not null)
        {
            option.DefaultValueFactory = _ => Default(defaultPath);
        }

        return option;
    }

    private static Option<CommandLinePath[]> Many(string name, string? alias, string description, Expect expect, bool required, bool standardStream) =>
        new(name, Aliases(alias))
        {
            Description = description,
            Required = required,
            DefaultValueFactory = _ => [],
            CustomParser = result => ParseMany(result, expect, standardStream),
        };

    private static Argument<CommandLinePath[]> ManyArgument(string name, string description, Expect expect, bool standardStream) =>
        new(name) { Description = description, Arity = ArgumentArity.OneOrMore, CustomParser = result => ParseMany(result, expect, standardStream) };

    // Normalised when the command line is parsed (the current directory then), never checked.
    private static CommandLinePath Default(string path) => new(TryNormalize(path, out var full, out _) ? full : path, path);

    private static string[] Aliases(string? alias) => alias is null ? [] : [alias];

    private static bool TryNormalize(string path, out string full, out string problem) =>
        TryNormalize(path, Environment.CurrentDirectory, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), out full, out problem);

    private static CommandLinePath? ParseSingle(ArgumentResult result, Expect expect, bool standardStream) =>
        result.Tokens.Count == 0 ? null : Parse(result, result.Tokens[0].Value, expect, standardStream);

    private static CommandLinePath[]? ParseMany(ArgumentResult result, Expect expect, bool standardStream)
    {
        var paths = new List<CommandLinePath>(result.Tokens.Count);
        foreach (var token in result.Tokens)
        {
            if (Parse(result, token.Value, expect, standardStream) is { } path)
            {
                paths.Add(path);
            }
        }

        return paths.Count == result.Tokens.Count ? [.. paths] : null;
    }

    private static CommandLinePath? Parse(ArgumentResult result, string given, Expect expect, bool standardStream)
    {
        // Said at parse time: otherwise `-` would be opened as a file named "-" and fail later with a less clear message.
        if (given == StandardStream && !standardStream)
        {
            result.AddError($"{Label(result)}: `-` (standard input or output) is not supported here; give a file");
            return null;
        }

        if (!TryNormalize(given, out var full, out var problem))
        {
            result.AddError($"{Label(result)}: {problem}: {given}");
            return null;
        }

        var path = new CommandLinePath(full, given);
        if (!path.IsStandardStream && Missing(full, given, expect) is { } missing)
        {
            result.AddError($"{Label(result)}: {missing}");
        }

        return path;
    }

    private static string? Missing(string full, string given, Expect expect) => expect switch
    {
        Expect.File when Directory.Exists(full) => $"a folder, not a file: {given}",
        Expect.File when !System.IO.File.Exists(full) => $"file not found: {given}",
        Expect.Folder when System.IO.File.Exists(full) => $"a file, not a folder: {given}",
        Expect.Folder when !Directory.Exists(full) => $"folder not found: {given}",
        Expect.FileOrFolder when !System.IO.File.Exists(full) && !Directory.Exists(full) => $"file or folder not found: {given}",
        Expect.ParentFolder when Path.GetDirectoryName(full) is { } parent && !Directory.Exists(parent) => $"folder not found: {ParentAsGiven(given)}",
        _ => null,
    };

    // The folder part of the path as typed (`keys` for `keys/release`); the path itself when it has none.
    private static string ParentAsGiven(string given) =>
        Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(given)) is { Length: > 0 } parent ? parent : given;

    // An option by its name (`--data`), an argument as the usage line shows it (`<csv>`).
    private static string Label(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : $"<{result.Argument.Name}>";
}
