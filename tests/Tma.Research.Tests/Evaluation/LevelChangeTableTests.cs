using Tma.Research.Evaluation.Computation;

namespace Tma.Research.Tests.Evaluation;

public sealed class LevelChangeTableTests
{
    [Fact]
    public void Up_down_and_the_net_reclassification_improvement_match_a_hand_computed_table()
    {
        // 10 rows, levels 0..2. Events: rows 0–3. Hand count:
        // events:     0→1 up, 1→1 same, 2→0 down, 1→2 up            ⇒ P(up|e) = 2/4, P(down|e) = 1/4
        // non-events: 0→0, 2→1 down, 2→1 down, 1→0 down, 0→1 up, 1→1 ⇒ P(down|ne) = 3/6, P(up|ne) = 1/6
        // NRI = (2/4 − 1/4) + (3/6 − 1/6) = 0.25 + 0.3333 = 0.5833
        byte[] a = [0, 1, 2, 1, 0, 2, 2, 1, 0, 1];
        byte[] b = [1, 1, 0, 2, 0, 1, 1, 0, 1, 1];
        bool[] y = [true, true, true, true, false, false, false, false, false, false];
        string[] levels = ["low", "mid", "high"];

        var table = LevelChangeTable.Compute(a, b, y, levels, levels);

        Assert.True(table.Comparable);
        Assert.Equal(3, table.Up!.Rows);
        Assert.Equal(2, table.Up.WithOutcome);
        Assert.Equal(4, table.Down!.Rows);
        Assert.Equal(1, table.Down.WithOutcome);
        Assert.Equal(3, table.Unchanged!.Rows);
        Assert.Equal(0.25, table.NetReclassification!.Events, 12);
        Assert.Equal(2.0 / 6.0, table.NetReclassification.NonEvents, 12);
        Assert.Equal(0.25 + (2.0 / 6.0), table.NetReclassification.Total, 12);
        Assert.Equal(2, table.Counts[2][1]);
        Assert.Equal(0, table.EventCounts[2][1]);
    }

    [Fact]
    public void Different_level_sets_give_the_cross_table_without_up_or_down()
    {
        var table = LevelChangeTable.Compute([0, 1], [1, 0], [true, false], ["a", "b"], ["x", "y"]);

        Assert.False(table.Comparable);
        Assert.Null(table.Up);
        Assert.Contains("different levels", table.NotComparableReason, StringComparison.Ordinal);
        Assert.Equal(1, table.Counts[0][1]);
    }
}
