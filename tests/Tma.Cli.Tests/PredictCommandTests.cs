using System.Globalization;
using nietras.SeparatedValues;
using Parquet;
using Parquet.Schema;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring;
using Tma.Scoring.Classifiers;
using static Tma.Cli.Tests.EvaluationCliFiles;

namespace Tma.Cli.Tests;

public sealed class PredictCommandTests
{
    private static readonly string Triage = Repository.Path("models", "warning-behaviours-triage");
    private static readonly string Classifier = Repository.Path("models", "workplace-violence-classifier");
    private static readonly string[] OutputColumns = ["case_key", "row", "score", "probability", "level", "conclusion", "valid", "indicators", "engine"];

    // Hand-designed triage cases: every cell `absent` unless named; "" leaves a cell empty (unknown). The expected
    // level, score and fired indicators follow from the model's indicators (each fired one adds a point; any present
    // proximal behaviour → manage; a distal characteristic or a possible proximal one → monitor).
    private static readonly (string Key, Dictionary<string, string> Cells, string Level, double Score, string Indicators)[] TriageCases =
    [
        ("c1", [], "none", 0, ""),
        ("c2", new() { ["pathway"] = "present" }, "manage", 1, "wb-pathway"),
        ("c,3", new() { ["fixation"] = "possible" }, "monitor", 1, "possible-proximal"),
        ("c4", new() { ["pathway"] = "present", ["leakage"] = "present", ["grievance"] = "present" }, "manage", 3, "wb-pathway;wb-leakage;distal-characteristics"),
        ("c5", new() { ["creativity"] = "present" }, "monitor", 1, "distal-characteristics"),
    ];

    [Fact]
    public void Predict_writes_one_row_per_dataset_row_with_the_hand_computed_levels_scores_and_indicators()
    {
        var dir = TempDirectory();
        var data = Write(dir, "cases.csv", TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))));
        var output = Path.Combine(dir, "predictions.csv");

        var (exit, stdout, error) = Cli.Run("predict", "--model", Triage, "--data", data, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Empty(stdout);
        Assert.Contains("5 rows predicted by warning-behaviours-triage 2.0.0 (sha256:", error, StringComparison.Ordinal);
        var rows = ReadCsv(File.ReadAllText(output));
        Assert.Equal(OutputColumns, rows.Columns);
        Assert.Equal(TriageCases.Length, rows.Rows.Count);
        for (var i = 0; i < TriageCases.Length; i++)
        {
            var (key, _, level, score, indicators) = TriageCases[i];
            var row = rows.Rows[i];
            Assert.Equal(key, row["case_key"]);
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), row["row"]);
            Assert.Equal(score, double.Parse(row["score"], CultureInfo.InvariantCulture));
            Assert.Equal("", row["probability"]);
            Assert.Equal(level, row["level"]);
            Assert.Equal("level", row["conclusion"]);
            Assert.Equal("true", row["valid"]);
            Assert.Equal(indicators, row["indicators"]);
            Assert.Equal("compiled", row["engine"]);
        }

        // The key with a comma is quoted (RFC 4180), and no input column is copied.
        Assert.Contains("\"c,3\",3,", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
    }

    [Fact]
    public void Every_triage_prediction_equals_the_single_case_assessment_including_a_missing_key_item()
    {
        (string Key, Dictionary<string, string> Cells)[] cases = [.. TriageCases.Select(c => (c.Key, c.Cells)), ("c6", new Dictionary<string, string> { ["pathway"] = "" })];
        var dir = TempDirectory();
        var data = Write(dir, "cases.csv", TriageCsv(cases));

        var (exit, stdout, error) = Cli.Run("predict", "--model", Triage, "--data", data, "--out", "-");

        Assert.True(exit == 0, error);
        var rows = ReadCsv(stdout).Rows;
        var model = Compile(Triage);
        for (var i = 0; i < cases.Length; i++)
        {
            var assessment = model.Assess(Case(model.Definition, cases[i].Cells));
            Assert.Equal(assessment.Score, double.Parse(rows[i]["score"], CultureInfo.InvariantCulture));
            Assert.Equal(assessment.Level ?? "", rows[i]["level"]);
            Assert.Equal(assessment.Missing.IsValid ? "true" : "false", rows[i]["valid"]);
            Assert.Equal(string.Join(';', assessment.Indicators.Select(x => x.Id)), rows[i]["indicators"]);
        }

        // A key item left unknown: never the plain lowest level.
        Assert.NotEqual("level", rows[^1]["conclusion"]);
    }

    [Fact]
    public void Classifier_probabilities_lie_strictly_between_0_and_1_and_equal_the_single_case_assessment()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 40, model: Classifier);
        var output = Path.Combine(dir, "predictions.csv");

        var (exit, _, error) = Cli.Run("predict", "--model", Classifier, "--data", data, "--out", output);

        Assert.True(exit == 0, error);
        var rows = ReadCsv(File.ReadAllText(output));
        Assert.DoesNotContain("case_key", rows.Columns);
        var model = Compile(Classifier);
        var inputs = ReadCsv(File.ReadAllText(data)).Rows;
        Assert.Equal(inputs.Count, rows.Rows.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var probability = double.Parse(rows.Rows[i]["probability"], CultureInfo.InvariantCulture);
            Assert.InRange(probability, double.Epsilon, 1 - 1e-12);
            var assessment = model.Assess(Case(model.Definition, inputs[i]));
            Assert.Equal(assessment.Probability, probability);
            Assert.Equal(assessment.Level, rows.Rows[i]["level"]);
            Assert.Equal("mlnet", rows.Rows[i]["engine"]);
        }
    }

    [Fact]
    public async Task Parquet_output_read_back_equals_the_csv_output()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 300, model: Triage);
        var csv = Path.Combine(dir, "p.csv");
        var parquet = Path.Combine(dir, "p.parquet");
        Assert.Equal(0, Cli.Run("predict", "-m", Triage, "-d", data, "-o", csv).Exit);
        var (exit, _, error) = Cli.Run("predict", "-m", Triage, "-d", data, "-o", parquet);
        Assert.True(exit == 0, error);

        var expected = ReadCsv(File.ReadAllText(csv));
        await using var reader = await ParquetReader.CreateAsync(parquet);
        Assert.Equal(expected.Columns, reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal("warning-behaviours-triage", reader.CustomMetadata["tma.model.id"]);
        var actual = new List<Dictionary<string, string>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var columns = new Dictionary<string, string[]>();
            foreach (var field in reader.Schema.GetDataFields())
            {
                columns[field.Name] = await ReadAsText(group, field, count);
            }

            for (var r = 0; r < count; r++)
            {
                actual.Add(columns.ToDictionary(c => c.Key, c => c.Value[r]));
            }
        }

        Assert.Equal(expected.Rows.Count, actual.Count);
        for (var r = 0; r < actual.Count; r++)
        {
            Assert.Equal(expected.Rows[r], actual[r]);
        }
    }

    [Fact]
    public void Data_dash_reads_standard_input_and_out_dash_writes_csv_to_standard_output()
    {
        var csv = TriageCsv(TriageCases.Select(c => (c.Key, c.Cells)));

        var (exit, stdout, error) = Cli.RunWithInput(csv, "predict", "--model", Triage, "--data", "-", "--out", "-");

        Assert.True(exit == 0, error);
        var rows = ReadCsv(stdout);
        Assert.Equal(OutputColumns, rows.Columns);
        Assert.Equal(TriageCases.Select(c => c.Level), rows.Rows.Select(r => r["level"]));
        Assert.Contains("to -", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_row_stops_with_its_file_line_and_column_and_leaves_no_output_file()
    {
        var dir = TempDirectory();
        var text = TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))).Replace("c4,present", "c4,presnt", StringComparison.Ordinal);
        var data = Write(dir, "cases.csv", text);
        var output = Path.Combine(dir, "predictions.parquet");

        var (exit, stdout, error) = Cli.Run("predict", "--model", Triage, "--data", data, "--out", output);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains($"{data}:5:4: error", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir, "predictions*"));
    }

    [Fact]
    public void A_bad_row_on_standard_input_is_located_in_stdin()
    {
        var text = TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))).Replace("c4,present", "c4,presnt", StringComparison.Ordinal);

        var (exit, stdout, error) = Cli.RunWithInput(text, "predict", "--model", Triage, "--data", "-", "--out", "-");

        Assert.Equal(2, exit);
        Assert.Contains("<stdin>:5:4: error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tma-stdin-", error, StringComparison.Ordinal);
        Assert.DoesNotContain(",c4,", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_bad_rows_predicts_the_others_and_counts_the_skipped_on_standard_error()
    {
        var dir = TempDirectory();
        var text = TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))).Replace("c4,present", "c4,presnt", StringComparison.Ordinal);
        var data = Write(dir, "cases.csv", text);
        var output = Path.Combine(dir, "predictions.csv");

        var (exit, _, error) = Cli.Run("predict", "--model", Triage, "--data", data, "--out", output, "--skip-bad-rows");

        Assert.True(exit == 0, error);
        Assert.Contains("4 rows predicted", error, StringComparison.Ordinal);
        Assert.Contains("1 bad rows skipped", error, StringComparison.Ordinal);
        Assert.Contains($"{data}:5:4: error", error, StringComparison.Ordinal);
        var rows = ReadCsv(File.ReadAllText(output)).Rows;
        Assert.Equal(["c1", "c2", "c,3", "c5"], rows.Select(r => r["case_key"]));
        Assert.Equal(["1", "2", "3", "5"], rows.Select(r => r["row"]));
    }

    [Fact]
    public void Format_option_overrides_the_extension_and_parquet_to_standard_output_is_refused()
    {
        var dir = TempDirectory();
        var data = Write(dir, "cases.csv", TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))));
        var output = Path.Combine(dir, "predictions.out");

        Assert.Equal(0, Cli.Run("predict", "-m", Triage, "-d", data, "-o", output, "--format", "parquet").Exit);
        Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(output)[..4]);

        var (exit, stdout, error) = Cli.Run("predict", "-m", Triage, "-d", data, "-o", "-", "--format", "parquet");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("Parquet cannot be written to standard output", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_without_the_outcome_column_is_predicted_and_one_without_rows_gives_the_header_alone()
    {
        var dir = TempDirectory();
        var lines = TriageCsv(TriageCases.Select(c => (c.Key, c.Cells))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var withoutOutcome = string.Join("\r\n", lines.Select(l => l[..l.LastIndexOf(',')]));
        var data = Write(dir, "no-outcome.csv", withoutOutcome + "\r\n");
        var headerOnly = Write(dir, "empty.csv", lines[0] + "\r\n");

        var (exit, stdout, error) = Cli.Run("predict", "-m", Triage, "-d", data, "-o", "-");
        Assert.True(exit == 0, error);
        Assert.Equal(TriageCases.Select(c => c.Level), ReadCsv(stdout).Rows.Select(r => r["level"]));

        var empty = Cli.Run("predict", "-m", Triage, "-d", headerOnly, "-o", "-");
        Assert.True(empty.Exit == 0, empty.Err);
        Assert.Equal(string.Join(',', OutputColumns) + "\n", empty.Out);
    }

    [Fact]
    public void Synth_out_dash_writes_the_csv_to_standard_output_and_no_file_named_dash()
    {
        // `-` used to be normalised like any path and created `./-`; the current directory is not changed here because
        // other test classes run in parallel in this process.
        var dash = Path.Combine(Environment.CurrentDirectory, "-");
        Assert.False(File.Exists(dash));

        var (exit, stdout, error) = Cli.Run("synth", "--model", Triage, "--rows", "20", "--seed", "3", "--out", "-");

        Assert.True(exit == 0, error);
        var rows = ReadCsv(stdout);
        Assert.Equal(20, rows.Rows.Count);
        Assert.Contains("outcome", rows.Columns);
        Assert.Contains("synthetic rows", error, StringComparison.Ordinal);
        Assert.False(File.Exists(dash));
        Assert.False(File.Exists(dash + ".truth.json"));
    }

    [Fact]
    public void Evaluate_data_dash_reads_standard_input_and_gives_the_same_report_as_the_file()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 500);

        var fromFile = Cli.Run("evaluate", "--model", Model, "--data", data, "--format", "json", "--bootstrap", "0");
        var fromStdin = Cli.RunWithInput(File.ReadAllText(data), "evaluate", "--model", Model, "--data", "-", "--format", "json", "--bootstrap", "0");

        Assert.True(fromStdin.Exit == 0, fromStdin.Err);
        // The report names the dataset file; a copy of standard input is named `stdin`. Nothing else differs.
        Assert.Contains("\"file\": \"stdin\"", fromStdin.Out, StringComparison.Ordinal);
        Assert.Equal(fromFile.Out, fromStdin.Out.Replace("\"file\": \"stdin\"", "\"file\": \"data.csv\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_data_dash_reads_standard_input_and_a_bad_row_there_is_located_in_stdin()
    {
        var dir = TempDirectory();
        var data = Synth(dir, rows: 400, model: Triage);
        string[] args = ["compare", "--model", Triage, "--model", Triage, "--format", "json", "--bootstrap", "0"];

        var fromFile = Cli.Run([.. args, "--data", data]);
        var fromStdin = Cli.RunWithInput(File.ReadAllText(data), [.. args, "--data", "-"]);
        var bad = Cli.RunWithInput(File.ReadAllText(data).Replace(",site_a,", ",site_a,x,", StringComparison.Ordinal), [.. args, "--data", "-"]);

        Assert.True(fromStdin.Exit == 0, fromStdin.Err);
        Assert.Equal(fromFile.Out, fromStdin.Out.Replace("\"file\": \"stdin\"", "\"file\": \"data.csv\"", StringComparison.Ordinal));
        Assert.Equal(2, bad.Exit);
        Assert.Contains("<stdin>:", bad.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("tma-stdin-", bad.Err, StringComparison.Ordinal);
    }

    private static IRiskModel Compile(string path) =>
        RiskModelCompiler.Compile(ModelPackage.Load(path).Value!, options: RiskModelOptions.Default.WithClassifiers());

    // The case by hand from the cell texts: level position for scales, the number otherwise, relevance by its position.
    private static ResolvedCase Case(ModelDefinition model, IReadOnlyDictionary<string, string> cells)
    {
        var values = new double?[model.Inputs.Count];
        var relevance = new double?[model.Inputs.Count];
        for (var i = 0; i < model.Inputs.Count; i++)
        {
            var input = model.Inputs[i];
            var cell = cells.TryGetValue(input.Id, out var given) ? given : (input.HasLevels ? "absent" : "");
            if (cell.Length > 0)
            {
                values[i] = input.HasLevels ? IndexOf(input.Levels, cell) : double.Parse(cell, CultureInfo.InvariantCulture);
            }

            if (cells.TryGetValue(input.Id + ".relevance", out var level) && level.Length > 0)
            {
                relevance[i] = IndexOf(input.RelevanceLevels, level);
            }
        }

        return new ResolvedCase(values, relevance, [], asOf: null, norm: null);
    }

    private static int IndexOf(IReadOnlyList<ScaleLevel> levels, string id)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i].Id == id)
            {
                return i;
            }
        }

        throw new ArgumentException($"no level {id}");
    }

    private static string TriageCsv(IEnumerable<(string Key, Dictionary<string, string> Cells)> cases)
    {
        var definition = ModelPackage.Load(Triage).Value!.Definition;
        var ids = definition.Inputs.Select(i => i.Id).ToArray();
        var lines = new List<string> { string.Join(',', ["case_key", .. ids, "outcome"]) };
        foreach (var (key, cells) in cases)
        {
            var quoted = key.Contains(',', StringComparison.Ordinal) ? $"\"{key}\"" : key;
            lines.Add(string.Join(',', [quoted, .. ids.Select(id => cells.TryGetValue(id, out var v) ? v : "absent"), "0"]));
        }

        return string.Join("\r\n", lines) + "\r\n";
    }

    private static (string[] Columns, List<Dictionary<string, string>> Rows) ReadCsv(string text)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromText(text);
        var columns = reader.Header.ColNames.ToArray();
        var rows = new List<Dictionary<string, string>>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(columns.Length);
            foreach (var column in columns)
            {
                values[column] = row[column].ToString();
            }

            rows.Add(values);
        }

        return (columns, rows);
    }

    // Each Parquet column as the CSV writes it: round-trip numbers, true/false, empty for null.
    private static async Task<string[]> ReadAsText(ParquetRowGroupReader group, DataField field, int count)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (field.ClrType == typeof(int))
        {
            var values = new int[count];
            await group.ReadAsync<int>(field, values);
            return [.. values.Select(v => v.ToString(invariant))];
        }

        if (field.ClrType == typeof(double) && !field.IsNullable)
        {
            var values = new double[count];
            await group.ReadAsync<double>(field, values);
            return [.. values.Select(v => v.ToString("R", invariant))];
        }

        if (field.ClrType == typeof(double))
        {
            var values = new double?[count];
            await group.ReadAsync<double>(field, values);
            return [.. values.Select(v => v?.ToString("R", invariant) ?? "")];
        }

        if (field.ClrType == typeof(bool))
        {
            var values = new bool[count];
            await group.ReadAsync<bool>(field, values);
            return [.. values.Select(v => v ? "true" : "false")];
        }

        var strings = new string[count];
        await group.ReadAsync(field, strings);
        return [.. strings.Select(v => v ?? "")];
    }
}
