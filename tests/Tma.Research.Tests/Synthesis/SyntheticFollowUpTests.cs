using System.Globalization;
using Tma.Research.Synthesis;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Synthesis;

public sealed class SyntheticFollowUpTests
{
    [Fact]
    public void The_time_column_leaves_every_other_column_unchanged_and_censors_non_events_at_the_window()
    {
        var options = new SyntheticOptions { Rows = 3_000, Seed = 5 };
        var plain = TempPath("plain.csv");
        var timed = TempPath("timed.csv");
        SyntheticDataset.WriteFile(Model(), options, plain);
        SyntheticDataset.WriteFile(Model(), options with { FollowUp = 365 }, timed);

        var a = File.ReadAllLines(plain);
        var b = File.ReadAllLines(timed);
        Assert.Equal(a[0] + ",time", b[0]);
        for (var r = 1; r < a.Length; r++)
        {
            var cut = b[r].LastIndexOf(',');
            Assert.Equal(a[r], b[r][..cut]);
            var time = double.Parse(b[r][(cut + 1)..], CultureInfo.InvariantCulture);
            if (a[r].EndsWith(",0", StringComparison.Ordinal))
            {
                Assert.Equal(365, time);
            }
            else
            {
                Assert.InRange(time, 0, 365);
            }
        }
    }

    [Fact]
    public void With_a_flat_risk_event_times_follow_the_truncated_exponential()
    {
        // β = 0: every row has p = .2, so the hazard is λ = −ln(.8)/F and, given an event within F,
        // P(T ≤ F/2) = (1 − e^(−λF/2))/(1 − e^(−λF)) = (1 − √.8)/.2 = (1 − .894427)/.2 = .527864.
        // About 40,000 events: standard error √(.25/40,000) = .0025; tolerance 4 SE.
        var options = new SyntheticOptions { Rows = 200_000, Seed = 3, Beta = 0, FollowUp = 100 };
        var path = TempPath("flat.csv");
        SyntheticDataset.WriteFile(Model(), options, path);

        int events = 0, early = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields[^2] == "1")
            {
                events++;
                early += double.Parse(fields[^1], CultureInfo.InvariantCulture) <= 50 ? 1 : 0;
            }
        }

        Assert.InRange((double)early / events, 0.527864 - 0.01, 0.527864 + 0.01);
    }

    [Fact]
    public void A_follow_up_that_is_not_positive_is_refused()
    {
        Assert.NotEmpty(new SyntheticOptions { FollowUp = 0 }.Validate());
        Assert.NotEmpty(new SyntheticOptions { FollowUp = double.NaN }.Validate());
        Assert.Empty(new SyntheticOptions { FollowUp = 30 }.Validate());
    }
}
