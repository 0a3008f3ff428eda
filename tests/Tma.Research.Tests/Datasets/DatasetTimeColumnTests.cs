using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Datasets;

public sealed class DatasetTimeColumnTests
{
    private static readonly DatasetReadOptions WithTime = new() { TimeColumn = "days_followed" };

    [Fact]
    public void The_time_column_is_read_as_a_number_and_is_not_an_input()
    {
        var path = Write($"{Header},days_followed\r\n{GoodRow},365\r\n{GoodRow},0\r\n{GoodRow},12.5\r\n");

        using var reader = DatasetReader.Open(path, Model(), WithTime).GetValueOrThrow();

        Assert.DoesNotContain(reader.Warnings, w => w.Message.Contains("days_followed", StringComparison.Ordinal));
        var times = new List<double>();
        while (reader.MoveNext())
        {
            times.Add(reader.Current.Time);
        }

        Assert.False(reader.Stopped);
        Assert.Equal([365, 0, 12.5], times);
    }

    [Fact]
    public void Without_the_option_the_column_is_unknown_and_without_the_column_the_option_fails()
    {
        var path = Write($"{Header},days_followed\r\n{GoodRow},365\r\n");
        Assert.Contains(DatasetReader.Open(path, Model()).Diagnostics, d => d.Code == DatasetDiagnosticCodes.UnknownColumn);

        var without = Write($"{Header}\r\n{GoodRow}\r\n");
        var error = Assert.Single(DatasetReader.Open(without, Model(), WithTime).Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DatasetDiagnosticCodes.MissingTime, error.Code);
        Assert.Equal(new SourceLocation(without, 1, 1), error.Location);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("ten")]
    public void A_bad_time_is_a_located_error(string cell)
    {
        var quoted = cell.Contains(',', StringComparison.Ordinal) ? $"\"{cell}\"" : cell;
        var path = Write($"{Header},days_followed\r\n{GoodRow},1\r\n{GoodRow},{quoted}\r\n");

        using var reader = DatasetReader.Open(path, Model(), WithTime).GetValueOrThrow();

        Assert.True(reader.MoveNext());
        Assert.False(reader.MoveNext());
        var error = Assert.Single(reader.Errors);
        Assert.Equal(DatasetDiagnosticCodes.BadTime, error.Code);
        Assert.Equal(new SourceLocation(path, 3, GoodRow.Length + 2), error.Location);
        Assert.Contains("follow-up time in column `days_followed` must be a finite number ≥ 0", error.Message, StringComparison.Ordinal);
    }
}
