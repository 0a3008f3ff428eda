using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Tma.Cli.Tests;

/// <summary>
/// The CI templates in docs/ci cannot drift from the CLI: every <c>tma</c> command line in their shell scripts
/// (GitHub <c>run:</c>, GitLab <c>script:</c>, <c>before_script:</c>, <c>after_script:</c>) is parsed by the real
/// command line (<see cref="TmaCommandLine.Build"/>) and must parse without errors. Variables stand for themselves
/// (<c>$MODEL</c> → <c>model</c>), so the only errors tolerated are files the pipeline itself fetches or writes not
/// existing here (<c>--baseline: file or folder not found: baseline</c>).
/// </summary>
public sealed partial class CiTemplateTests
{
    public static TheoryData<string> Templates() => ["model-release.yml", "model-release.gitlab-ci.yml"];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_tma_command_line_in_the_template_parses_with_the_real_command_line(string template)
    {
        var commands = TmaCommands(template);

        Assert.NotEmpty(commands);
        foreach (var args in commands)
        {
            var parse = TmaCommandLine.Build().Parse(args);
            var errors = parse.Errors.Select(e => e.Message).Where(m => !MissingPath().IsMatch(m)).ToList();
            Assert.True(errors.Count == 0, $"{template}: `tma {string.Join(' ', args)}`: {string.Join("; ", errors)}");
            Assert.NotSame(parse.RootCommandResult, parse.CommandResult);
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_template_validates_gates_with_reports_and_packs_signs_and_verifies(string template)
    {
        var commands = TmaCommands(template);
        var names = commands.Select(c => c[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["validate", "gate", "pack", "sign", "verify"], StringComparer.Ordinal), names);
        var gate = Assert.Single(commands, c => c[0] == "gate");
        foreach (var option in new[] { "--candidate", "--baseline", "--trusted-key", "--data", "--policy", "--junit", "--markdown" })
        {
            Assert.Contains(option, gate);
        }

        Assert.Equal("gate.xml", gate[gate.IndexOf("--junit") + 1]);
        Assert.Equal("gate.md", gate[gate.IndexOf("--markdown") + 1]);
    }

    [Fact]
    public void The_shell_reader_finds_commands_behind_operators_keywords_and_continuations()
    {
        var commands = ShellCommands("if [ -f x ]; then tma validate \"models/$MODEL\"; fi\nA=1 tma gate --data \\\n  'a b' && echo \"$(tma nope)\" # tma comment\n");

        Assert.Contains(commands, c => c.SequenceEqual(["[", "-f", "x", "]"]));
        Assert.Contains(commands, c => c.SequenceEqual(["tma", "validate", "models/model"]));
        Assert.Contains(commands, c => c.SequenceEqual(["tma", "gate", "--data", "a b"]));
        Assert.DoesNotContain(commands, c => c.Contains("nope") || c.Contains("comment"));
    }

    /// <summary>Every tma command line of a template, without the leading <c>tma</c>.</summary>
    private static List<List<string>> TmaCommands(string template)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Repository.Path("docs", "ci", template)))
        {
            yaml.Load(reader);
        }

        var commands = new List<List<string>>();
        foreach (var script in Scripts(yaml.Documents[0].RootNode))
        {
            commands.AddRange(ShellCommands(script).Where(c => c[0] == "tma").Select(c => c.Skip(1).ToList()));
        }

        return commands;
    }

    /// <summary>The shell scripts of a workflow or pipeline: values of <c>run</c>, items of <c>script</c>, <c>before_script</c>, <c>after_script</c>.</summary>
    private static IEnumerable<string> Scripts(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value;
                    if (name == "run" && value is YamlScalarNode run)
                    {
                        yield return run.Value ?? "";
                    }
                    else if (name is "script" or "before_script" or "after_script")
                    {
                        var items = value is YamlSequenceNode sequence ? sequence.Children : [value];
                        foreach (var item in items.OfType<YamlScalarNode>())
                        {
                            yield return item.Value ?? "";
                        }
                    }
                    else
                    {
                        foreach (var script in Scripts(value))
                        {
                            yield return script;
                        }
                    }
                }

                break;
            case YamlSequenceNode list:
                foreach (var script in list.Children.SelectMany(Scripts))
                {
                    yield return script;
                }

                break;
        }
    }

    /// <summary>
    /// The simple commands of a POSIX shell script, as words after quote removal: split at newlines (but not
    /// backslash-newline), <c>;</c>, <c>&amp;</c>, <c>&amp;&amp;</c>, <c>|</c>, <c>||</c> and parentheses; comments, redirections,
    /// leading variable assignments and the keywords of <c>if</c>/<c>for</c>/<c>while</c> dropped; <c>$NAME</c>,
    /// <c>${NAME}</c> and GitHub's <c>${{ … }}</c> replaced by the lower-case name; a command substitution <c>$(…)</c> is
    /// one opaque word (commands inside it are not reported).
    /// </summary>
    private static List<List<string>> ShellCommands(string script)
    {
        var commands = new List<List<string>>();
        var words = new List<string>();
        var i = 0;

        void End()
        {
            var start = 0;
            while (start < words.Count && (Keywords.Contains(words[start]) || Assignment().IsMatch(words[start])))
            {
                start++;
            }

            if (start < words.Count)
            {
                commands.Add(words.GetRange(start, words.Count - start));
            }

            words = [];
        }

        while (i < script.Length)
        {
            var c = script[i];
            if (c == '\\' && i + 1 < script.Length && script[i + 1] == '\n')
            {
                i += 2;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                i++;
            }
            else if (c is '\n' or ';' or '&' or '|' or '(' or ')')
            {
                End();
                i++;
            }
            else if (c == '#')
            {
                while (i < script.Length && script[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is '>' or '<')
            {
                // A redirection and its target are not arguments.
                while (i < script.Length && script[i] is '>' or '<' or '&')
                {
                    i++;
                }

                while (i < script.Length && script[i] is ' ' or '\t')
                {
                    i++;
                }

                Word(script, ref i);
            }
            else
            {
                var word = Word(script, ref i);
                if (i < script.Length && script[i] is '>' or '<' && word.All(char.IsAsciiDigit))
                {
                    continue; // the descriptor of a redirection (`2>`)
                }

                words.Add(word);
            }
        }

        End();
        return commands;
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}" };

    /// <summary>Reads one word from <paramref name="i"/>: quotes removed, variables replaced.</summary>
    private static string Word(string s, ref int i)
    {
        var word = new StringBuilder();
        while (i < s.Length && s[i] is not (' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>'))
        {
            var c = s[i];
            if (c == '\'')
            {
                var end = s.IndexOf('\'', i + 1);
                end = end < 0 ? s.Length : end;
                word.Append(s, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '"' or '\\' or '$' or '`')
                    {
                        word.Append(s[i + 1]);
                        i += 2;
                    }
                    else if (s[i] == '$')
                    {
                        word.Append(Expansion(s, ref i));
                    }
                    else
                    {
                        word.Append(s[i++]);
                    }
                }

                i++;
            }
            else if (c == '\\' && i + 1 < s.Length)
            {
                word.Append(s[i + 1]);
                i += 2;
            }
            else if (c == '$')
            {
                word.Append(Expansion(s, ref i));
            }
            else
            {
                word.Append(c);
                i++;
            }
        }

        return word.ToString();
    }

    /// <summary>Reads <c>$NAME</c>, <c>${NAME}</c>, <c>${{ expr }}</c> or <c>$(…)</c> at <paramref name="i"/> and returns what stands for it.</summary>
    private static string Expansion(string s, ref int i)
    {
        if (s.AsSpan(i).StartsWith("${{", StringComparison.Ordinal))
        {
            var end = s.IndexOf("}}", i, StringComparison.Ordinal);
            var expression = s[(i + 3)..end].Trim();
            i = end + 2;
            return expression[(expression.LastIndexOf('.') + 1)..].ToLowerInvariant();
        }

        if (s.AsSpan(i).StartsWith("$(", StringComparison.Ordinal))
        {
            // Skip to the matching parenthesis; quotes inside are the substitution's own.
            var depth = 0;
            var quote = '\0';
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')' && --depth == 0)
                {
                    i++;
                    break;
                }
            }

            return "substitution";
        }

        var match = Variable().Match(s, i);
        if (!match.Success || match.Index != i)
        {
            i++;
            return "$";
        }

        i += match.Length;
        return (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value).ToLowerInvariant();
    }

    [GeneratedRegex(@"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*=")]
    private static partial Regex Assignment();

    // What PathOptions reports for a path that does not exist here (files the pipeline fetches or writes itself).
    [GeneratedRegex(@"^(--[a-z-]+|<[a-z-]+>): (file|folder|file or folder) not found: ")]
    private static partial Regex MissingPath();
}
