using Tma.Research.Evaluation;

namespace Tma.Research.Tests.Evaluation;

/// <summary>Two models with different inputs can be compared on one file that holds both models' columns.</summary>
public sealed class CompareAcrossInputsTests
{
    [Fact]
    public void Models_with_different_inputs_are_compared_on_a_file_with_the_union_of_their_columns()
    {
        var a = EvaluationTestData.Package();
        var b = EvaluationTestData.Package("warning-behaviours-triage");
        var path = EvaluationTestData.Synth(a, rows: 2_000);
        var lines = File.ReadAllLines(path);
        var extra = b.Definition.Inputs.Select(i => i.Id).ToArray();
        lines[0] += "," + string.Join(',', extra);
        for (var i = 1; i < lines.Length; i++)
        {
            // B's inputs unknown in this file except one, so that B still scores something.
            lines[i] += "," + string.Join(',', extra.Select((_, k) => k == 0 ? (i % 3 == 0 ? "present" : "absent") : ""));
        }

        File.WriteAllLines(path, lines);

        var compared = Evaluator.Compare(path, a, b);
        var alone = Evaluator.Evaluate(path, a);

        Assert.True(compared.Succeeded, string.Join(Environment.NewLine, compared.Diagnostics));
        Assert.Equal(2_000, compared.Value!.A.Sample.N);
        Assert.False(alone.Succeeded);
        Assert.Contains(alone.Diagnostics, d => d.Message.Contains(extra[0], StringComparison.Ordinal));
    }
}
