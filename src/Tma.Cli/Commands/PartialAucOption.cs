using System.CommandLine;
using System.Globalization;
using Tma.Research.Evaluation;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Cli.Commands;

/// <summary>The <c>--partial-auc FROM:TO</c> and <c>--partial-auc-focus</c> options of <c>tma evaluate</c> and <c>compare</c>.</summary>
internal static class PartialAucOption
{
    public static Option<string> Range() => new("--partial-auc")
    {
        HelpName = "from:to",
        Description = "Range of the partial AUC (of specificity, or of sensitivity with --partial-auc-focus), e.g. 0.9:1.",
        DefaultValueFactory = _ => "0.8:1",
    };

    public static Option<string> Focus()
    {
        var option = new Option<string>("--partial-auc-focus")
        {
            HelpName = "focus",
            Description = "The axis the --partial-auc range is on: specificity or sensitivity.",
            DefaultValueFactory = _ => "specificity",
        };
        option.AcceptOnlyFromAmong("specificity", "sensitivity");
        return option;
    }

    /// <summary>Applies the parsed range and focus to <paramref name="options"/>, or adds a problem when the range does not parse.</summary>
    public static EvaluationOptions Apply(EvaluationOptions options, string range, string focus, List<string> problems)
    {
        var parts = range.Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var from)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var to))
        {
            problems.Add($"--partial-auc must be FROM:TO with two numbers, e.g. 0.8:1, not `{range}`");
            return options;
        }

        return options with
        {
            PartialAucFrom = from,
            PartialAucTo = to,
            PartialAucFocus = focus == "sensitivity" ? PartialAucFocus.Sensitivity : PartialAucFocus.Specificity,
        };
    }
}
