using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using static Tma.Research.Tests.Datasets.DatasetTestFiles;

namespace Tma.Research.Tests.Datasets;

public sealed class DatasetReaderTests
{
    private static int HeaderColumn(string name) => Header.IndexOf(name, StringComparison.Ordinal) + 1;

    private static int RowColumn(string row, int field) => row.Split(',').Take(field).Sum(f => f.Length + 1) + 1;

    public static TheoryData<string, string, string, int, int, string> BadRows()
    {
        var data = new TheoryData<string, string, string, int, int, string>();
        void Add(string name, string row, string code, int field, string fragment) =>
            data.Add(name, row, code, 3, field < 0 ? row.Length + 1 : RowColumn(row, field), fragment);

        Add("too few fields", "direct,yes,stranger,12,present,high,site_a,K1", DatasetDiagnosticCodes.ColumnCount, -1, "8 field(s) but the header has 9");
        Add("too many fields", "direct,yes,stranger,12,present,high,site_a,K1,1,extra", DatasetDiagnosticCodes.ColumnCount, 9, "10 field(s) but the header has 9");
        Add("unknown ordinal level", "direkt,yes,stranger,12,present,high,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 0, "did you mean `direct`?");
        Add("unknown binary level", "direct,true,stranger,12,present,high,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 1, "column `weapons_access` is not one of its levels (no, yes)");
        Add("unknown category", "direct,yes,alien,12,present,high,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 2, "is not one of its categories");
        Add("level in the wrong case", "direct,yes,stranger,12,Present,high,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 4, "did you mean `present`?");
        Add("level with a space", "direct,yes,stranger,12,present ,high,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 4, "column `recent_losses`");
        Add("unknown relevance", "direct,yes,stranger,12,present,hihg,site_a,K1,1", DatasetDiagnosticCodes.UnknownLevel, 5, "relevance levels (low, moderate, high) — did you mean `high`?");
        Add("non-numeric number", "direct,yes,stranger,12a,present,high,site_a,K1,1", DatasetDiagnosticCodes.NotANumber, 3, "not a finite number");
        Add("decimal comma", "direct,yes,stranger,\"12,5\",present,high,site_a,K1,1", DatasetDiagnosticCodes.NotANumber, 3, "invariant notation");
        Add("NaN", "direct,yes,stranger,NaN,present,high,site_a,K1,1", DatasetDiagnosticCodes.NotANumber, 3, "not a finite number");
        Add("overflowing number", "direct,yes,stranger,1e400,present,high,site_a,K1,1", DatasetDiagnosticCodes.NotANumber, 3, "not a finite number");
        Add("number with spaces", "direct,yes,stranger, 12,present,high,site_a,K1,1", DatasetDiagnosticCodes.NotANumber, 3, "not a finite number");
        Add("number below range", "direct,yes,stranger,-1,present,high,site_a,K1,1", DatasetDiagnosticCodes.OutOfRange, 3, "outside its range [0, 3650]");
        Add("number above range", "direct,yes,stranger,3650.5,present,high,site_a,K1,1", DatasetDiagnosticCodes.OutOfRange, 3, "outside its range [0, 3650]");
        Add("outcome 2", "direct,yes,stranger,12,present,high,site_a,K1,2", DatasetDiagnosticCodes.BadOutcome, 8, "must be exactly 0 or 1");
        Add("outcome yes", "direct,yes,stranger,12,present,high,site_a,K1,yes", DatasetDiagnosticCodes.BadOutcome, 8, "must be exactly 0 or 1");
        Add("outcome 1.0", "direct,yes,stranger,12,present,high,site_a,K1,1.0", DatasetDiagnosticCodes.BadOutcome, 8, "must be exactly 0 or 1");
        Add("empty outcome", "direct,yes,stranger,12,present,high,site_a,K1,", DatasetDiagnosticCodes.BadOutcome, 8, "must be exactly 0 or 1");
        Add("quote inside an unquoted field", "dir\"ect,yes,stranger,12,present,high,site_a,K1,1", DatasetDiagnosticCodes.MalformedQuotes, 0, "RFC 4180");
        Add("text after a closing quote", "\"direct\"x,yes,stranger,12,present,high,site_a,K1,1", DatasetDiagnosticCodes.MalformedQuotes, 0, "RFC 4180");
        Add("empty line", "", DatasetDiagnosticCodes.ColumnCount, -1, "1 field(s) but the header has 9");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_stops_the_read_with_its_line_column_and_reason(string name, string row, string code, int line, int column, string fragment)
    {
        var path = Write($"{Header}\r\n{GoodRow}\r\n{row}\r\n{GoodRow}\r\n");
        using var reader = DatasetReader.Open(path, Model()).GetValueOrThrow();

        Assert.True(reader.MoveNext(), name);
        Assert.False(reader.MoveNext(), name);

        Assert.True(reader.Stopped);
        Assert.Equal(1, reader.RowCount);
        Assert.Equal(1, reader.BadRowCount);
        var error = Assert.Single(reader.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(new SourceLocation(path, line, column), error.Location);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{line}:{column}: error {code}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_after_a_line_break_inside_a_quoted_field_is_located_on_the_right_line()
    {
        var path = Write($"{Header}\n{GoodRow}\ndirect,yes,stranger,12,present,high,site_a,\"K\n1\",7\n");
        using var reader = DatasetReader.Open(path, Model()).GetValueOrThrow();

        while (reader.MoveNext())
        {
        }

        var error = Assert.Single(reader.Errors);
        Assert.Equal(DatasetDiagnosticCodes.BadOutcome, error.Code);
        Assert.Equal(4, error.Location.Line);
        Assert.Equal(4, error.Location.Column);
    }

    public static TheoryData<string, string, int, string> BadHeaders() => new()
    {
        { Header.Replace("threat", "treat", StringComparison.Ordinal), DatasetDiagnosticCodes.UnknownColumn, 1, "column `treat` is neither a model input, the outcome, a `group:` column nor the case key — did you mean `threat`?" },
        { Header + ",email", DatasetDiagnosticCodes.UnknownColumn, Header.Length + 2, "column `email` is neither" },
        { Header + ",threat", DatasetDiagnosticCodes.DuplicateColumn, Header.Length + 2, "column `threat` appears more than once" },
        { Header.Replace(",outcome", ",result", StringComparison.Ordinal), DatasetDiagnosticCodes.UnknownColumn, HeaderColumn("outcome"), "column `result`" },
        { Header + ",threat.relevance", DatasetDiagnosticCodes.UnknownColumn, Header.Length + 2, "input `threat` has no relevance axis" },
        { Header + ",group:", DatasetDiagnosticCodes.UnknownColumn, Header.Length + 2, "needs a name after the colon" },
        { Header + ",", DatasetDiagnosticCodes.UnknownColumn, Header.Length + 2, "a header column has no name" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void A_bad_header_is_refused_with_the_column_position(string header, string code, int column, string fragment)
    {
        var path = Write($"{header}\r\n");
        var result = DatasetReader.Open(path, Model());

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error && d.Code == code);
        Assert.Equal(new SourceLocation(path, 1, column), error.Location);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_the_outcome_column_is_refused()
    {
        var path = Write("threat,weapons_access\r\ndirect,yes\r\n");
        var result = DatasetReader.Open(path, Model());

        var error = Assert.Single(result.Diagnostics, d => d.Code == DatasetDiagnosticCodes.MissingOutcome);
        Assert.Equal(new SourceLocation(path, 1, 1), error.Location);
        Assert.Contains("no outcome column `outcome`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_optional_outcome_a_dataset_without_the_column_is_read_and_a_present_one_is_still_checked()
    {
        var options = new DatasetReadOptions { OutcomeOptional = true };
        var without = Write("threat,weapons_access\r\ndirect,yes\r\nnone,no\r\n");
        using (var reader = DatasetReader.Open(without, Model(), options).Value!)
        {
            Assert.True(reader.MoveNext());
            Assert.False(reader.Current.Outcome);
            Assert.True(reader.MoveNext());
            Assert.False(reader.MoveNext());
            Assert.False(reader.Stopped);
        }

        var bad = Write("threat,weapons_access,outcome\r\ndirect,yes,2\r\n");
        using var checkedReader = DatasetReader.Open(bad, Model(), options).Value!;
        Assert.False(checkedReader.MoveNext());
        Assert.Equal(DatasetDiagnosticCodes.BadOutcome, Assert.Single(checkedReader.Errors).Code);
    }

    [Fact]
    public void Every_header_problem_is_reported_together()
    {
        var path = Write("treat,threat,threat,email\r\n");
        var result = DatasetReader.Open(path, Model());

        Assert.Equal(
            [DatasetDiagnosticCodes.UnknownColumn, DatasetDiagnosticCodes.DuplicateColumn, DatasetDiagnosticCodes.UnknownColumn, DatasetDiagnosticCodes.MissingOutcome],
            result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Code));
    }

    [Fact]
    public void An_empty_or_missing_file_is_a_located_error()
    {
        var empty = Write("");
        Assert.Equal(DatasetDiagnosticCodes.File, Assert.Single(DatasetReader.Open(empty, Model()).Diagnostics).Code);
        var missing = empty + ".nope";
        Assert.Contains("does not exist", Assert.Single(DatasetReader.Open(missing, Model()).Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_refused_rather_than_replaced()
    {
        var path = Write("");
        File.WriteAllBytes(path, [.. System.Text.Encoding.ASCII.GetBytes(Header + "\r\n" + GoodRow + "\r\n"), 0xC3, 0x28, (byte)'\r', (byte)'\n']);
        var open = DatasetReader.Open(path, Model());
        IReadOnlyList<Diagnostic> errors = open.Diagnostics;
        if (open.Value is { } reader)
        {
            using (reader)
            {
                while (reader.MoveNext())
                {
                }

                Assert.True(reader.Stopped);
                errors = reader.Errors;
            }
        }

        var error = Assert.Single(errors);
        Assert.Equal(DatasetDiagnosticCodes.File, error.Code);
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_row_is_read_into_positions_numbers_groups_and_key()
    {
        var path = Write($"{Header}\r\n{GoodRow}\r\n\"veiled\",no,,0.5,absent,,site_b,,0\r\n");
        var model = Model();
        using var reader = DatasetReader.Open(path, model).GetValueOrThrow();
        int Index(string id) => model.Inputs.ToList().FindIndex(i => i.Id == id);

        Assert.True(reader.MoveNext());
        var row = reader.Current;
        Assert.Equal((1, 2), (row.RowNumber, row.LineNumber));
        Assert.Equal(2, row.Values[Index("threat")]);
        Assert.Equal(1, row.Values[Index("weapons_access")]);
        Assert.Equal(model.Inputs[Index("relationship")].LevelIndex("stranger"), row.Values[Index("relationship")]);
        Assert.Equal(12, row.Values[Index("days_since_adverse_action")]);
        Assert.Equal(2, row.Values[Index("recent_losses")]);
        Assert.Equal(2, row.Relevance[Index("recent_losses")]);
        Assert.Null(row.Values[Index("workplace_grievance")]);
        Assert.Equal("site_a", row.Groups[0]);
        Assert.Equal("K1", row.Key);
        Assert.True(row.Outcome);
        var kept = row.ToResolvedCase();

        Assert.True(reader.MoveNext());
        row = reader.Current;
        Assert.Equal(1, row.Values[Index("threat")]);
        Assert.Null(row.Values[Index("relationship")]);
        Assert.Equal(0.5, row.Values[Index("days_since_adverse_action")]);
        Assert.Null(row.Relevance[Index("recent_losses")]);
        Assert.Equal("site_b", row.Groups[0]);
        Assert.Null(row.Key);
        Assert.False(row.Outcome);
        Assert.Equal(2, kept.Values[Index("threat")]);
        Assert.False(reader.MoveNext());
        Assert.False(reader.Stopped);
        Assert.Equal(2, reader.RowCount);

        Assert.Equal(["site"], reader.Header.GroupNames);
        Assert.True(reader.Header.HasKey);
        Assert.Contains("workplace_grievance", reader.Header.MissingInputs);
        Assert.Contains(reader.Warnings, w => w.Code == DatasetDiagnosticCodes.MissingInput && w.Severity == Severity.Warning);
    }

    [Fact]
    public void Outcome_and_key_column_names_are_configurable()
    {
        var path = Write("threat,escalated,pseudonym\r\ndirect,1,p-17\r\n");
        var options = new DatasetReadOptions { OutcomeColumn = "escalated", KeyColumn = "pseudonym" };
        using var reader = DatasetReader.Open(path, Model(), options).GetValueOrThrow();

        Assert.True(reader.MoveNext());
        Assert.True(reader.Current.Outcome);
        Assert.Equal("p-17", reader.Current.Key);
    }

    [Fact]
    public void Skip_mode_skips_and_counts_bad_rows_and_reports_the_first_ones()
    {
        var rows = new[] { GoodRow, "x,yes,stranger,12,present,high,site_a,K1,1", GoodRow, "direct,yes,stranger,12,present,high,site_a,K1,9", "direct", GoodRow };
        var path = Write(Header + "\r\n" + string.Join("\r\n", rows) + "\r\n");
        var options = new DatasetReadOptions { SkipBadRows = true, MaxReportedErrors = 2 };
        using var reader = DatasetReader.Open(path, Model(), options).GetValueOrThrow();

        var lines = new List<int>();
        while (reader.MoveNext())
        {
            lines.Add(reader.Current.LineNumber);
        }

        Assert.Equal([2, 4, 7], lines);
        Assert.False(reader.Stopped);
        Assert.Equal(3, reader.RowCount);
        Assert.Equal(3, reader.BadRowCount);
        Assert.Equal([3, 5], reader.Errors.Select(e => e.Location.Line));
    }

    [Fact]
    public void The_fingerprint_is_the_sha256_of_the_file_bytes()
    {
        var path = Write("abc");

        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", DatasetFingerprint.Compute(path));
    }
}
