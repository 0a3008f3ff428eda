using System.Globalization;
using Tma.Models.Diagnostics;
using Tma.Models.Packaging;
using Tma.Research.Datasets;
using Tma.Research.Evaluation.Scoring;

namespace Tma.Research.Evaluation.Computation;

/// <summary>Streams a dataset once — scored by one or two models, or with one or two score columns — into a <see cref="Sample"/>.</summary>
internal static class DatasetCollector
{
    private const int ProgressEvery = 16_384;

    /// <summary>Scores every row with each package (two readers in lockstep when there are two, so each checks the header against its own model).</summary>
    public static LoadResult<Collected> Models(string path, IReadOnlyList<ModelPackage> packages, EvaluationOptions options, IReadOnlyList<ModelPackage>? comparedWith = null)
    {
        // Every model compared on the file expects the others' input columns there; only truly unknown columns are errors.
        var all = (comparedWith ?? packages).Select(p => p.Definition).ToList();
        var scorers = new List<IRowScorer>();
        foreach (var package in packages)
        {
            var (scorer, problem) = RowScorers.For(package);
            if (scorer is null)
            {
                return Fail(path, EvaluationDiagnosticCodes.ModelNotEvaluable, problem!);
            }

            if (package.Definition.Levels.Count > byte.MaxValue)
            {
                return Fail(path, EvaluationDiagnosticCodes.ModelNotEvaluable, $"model `{package.Definition.Id}` has more than {byte.MaxValue} levels");
            }

            scorers.Add(scorer);
        }

        if (!File.Exists(path))
        {
            return Fail(path, DatasetDiagnosticCodes.File, "the dataset file does not exist");
        }

        var refused = Screen(path, packages.Select(p => p.Definition).ToArray(), [], options);
        if (refused.Count > 0)
        {
            return LoadResult<Collected>.Failed(refused);
        }

        if (scorers.Any(s => s.WholeDataset is not null))
        {
            return packages.Count == 1 ? WholeDataset(path, packages[0], scorers[0], options, all) : SeparatelyThenMerged(path, packages, options);
        }

        var readers = new List<DatasetReader>();
        try
        {
            var warnings = new List<string>();
            var diagnostics = new List<Diagnostic>();
            foreach (var package in packages)
            {
                var open = DatasetReader.Open(path, package.Definition, options.ReadOptionsAmong(package.Definition, all));
                if (open.Value is null)
                {
                    diagnostics.AddRange(packages.Count > 1
                        ? open.Diagnostics.Select(d => d with { Message = $"{d.Message} (model `{package.Definition.Id}`)" })
                        : open.Diagnostics);
                    continue;
                }

                readers.Add(open.Value);
                var definition = package.Definition;
                if (open.Value.Header.MissingInputs.Count == definition.Inputs.Count && definition.Inputs.Count > 0)
                {
                    diagnostics.Add(new Diagnostic(EvaluationDiagnosticCodes.ModelMismatch, Severity.Error, new SourceLocation(path, 1, 1),
                        $"the dataset has none of the {definition.Inputs.Count} inputs of model `{definition.Id}` {definition.Version} (e.g. `{definition.Inputs[0].Id}`); it was made for another model, and scoring it would score every row as unknown"));
                    continue;
                }

                warnings.AddRange(open.Value.Warnings.Select(w => packages.Count > 1 ? $"{w.Message} (model `{definition.Id}`)" : w.Message));
            }

            if (diagnostics.Count > 0)
            {
                return LoadResult<Collected>.Failed(diagnostics);
            }

            var groupNames = readers[0].Header.GroupNames;
            var builder = new SampleBuilder(packages.Count, levels: true, groupNames, options.MaxGroupLabels, times: options.TimeColumn is not null);
            var scores = new RowScore[packages.Count];
            var progressAt = ProgressEvery;
            while (Advance(readers))
            {
                var row = readers[0].Current;
                for (var m = 0; m < readers.Count; m++)
                {
                    var current = readers[m].Current;
                    RowScore score;
                    try
                    {
                        score = scorers[m].Score(current);
                    }
                    catch (Exception ex) when (ex is ArgumentException or InvalidCaseException)
                    {
                        return Fail(path, current.LineNumber, EvaluationDiagnosticCodes.BadScore, $"model `{scorers[m].Reference.Id}` cannot score this row: {ex.Message}");
                    }

                    if (!double.IsFinite(score.Score))
                    {
                        return Fail(path, current.LineNumber, EvaluationDiagnosticCodes.BadScore, $"model `{scorers[m].Reference.Id}` gave a score that is not a finite number for this row");
                    }

                    scores[m] = score;
                }

                builder.Add(row.Outcome, row.Groups, scores, row.Time);
                if (builder.Count == progressAt)
                {
                    options.Progress?.Report(builder.Count);
                    progressAt += ProgressEvery;
                }
            }

            var errors = readers.SelectMany(r => r.Errors).ToList();
            if (readers.Any(r => r.Stopped))
            {
                return LoadResult<Collected>.Failed(errors);
            }

            options.Progress?.Report(builder.Count);
            var badRows = readers.Max(r => r.BadRowCount);
            if (badRows > 0)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{badRows} bad row(s) were skipped; the first is {errors[0]}"));
            }

            return Done(path, builder, badRows, groupNames, warnings, scorers, []);
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>A model whose engine scores the whole file at once (a classifier's ML.NET path).</summary>
    private static LoadResult<Collected> WholeDataset(string path, ModelPackage package, IRowScorer scorer, EvaluationOptions options, IReadOnlyList<Tma.Models.Definitions.ModelDefinition> all)
    {
        var readOptions = options.ReadOptionsAmong(package.Definition, all);
        // The header is checked here too, so that a dataset for another model gets the same messages on every path.
        var warnings = new List<string>();
        var definition = package.Definition;
        var open = DatasetReader.Open(path, definition, readOptions);
        if (open.Value is not { } header)
        {
            return LoadResult<Collected>.Failed(open.Diagnostics);
        }

        using (header)
        {
            if (header.Header.MissingInputs.Count == definition.Inputs.Count && definition.Inputs.Count > 0)
            {
                return LoadResult<Collected>.Failed([new Diagnostic(EvaluationDiagnosticCodes.ModelMismatch, Severity.Error, new SourceLocation(path, 1, 1),
                    $"the dataset has none of the {definition.Inputs.Count} inputs of model `{definition.Id}` {definition.Version} (e.g. `{definition.Inputs[0].Id}`); it was made for another model, and scoring it would score every row as unknown")]);
            }

            warnings.AddRange(header.Warnings.Select(w => w.Message));
        }

        var scored = scorer.WholeDataset!.ScoreDataset(path, readOptions);
        if (scored.Value is not { } rows)
        {
            return LoadResult<Collected>.Failed(scored.Diagnostics);
        }

        var builder = new SampleBuilder(1, levels: true, rows.GroupNames, options.MaxGroupLabels, capacity: Math.Max(16, rows.Count), times: rows.Times is not null);
        var groups = new string?[rows.GroupNames.Count];
        var score = new RowScore[1];
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rows.Scores[i];
            if (!double.IsFinite(value))
            {
                return Fail(path, EvaluationDiagnosticCodes.BadScore, string.Create(CultureInfo.InvariantCulture, $"model `{definition.Id}` gave a score that is not a finite number for data row {i + 1}"));
            }

            for (var g = 0; g < groups.Length; g++)
            {
                groups[g] = rows.Groups[g][i];
            }

            score[0] = new RowScore(value, rows.LevelRanks[i], false);
            builder.Add(rows.Outcomes[i], groups, score, rows.Times is { } times ? times[i] : double.NaN);
        }

        options.Progress?.Report(builder.Count);
        if (rows.BadRows > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.BadRows} bad row(s) were skipped"));
        }

        return Done(path, builder, rows.BadRows, rows.GroupNames, warnings, [scorer], []);
    }

    /// <summary>Two models of which one scores whole files: each is collected on its own, then the rows are paired.</summary>
    private static LoadResult<Collected> SeparatelyThenMerged(string path, IReadOnlyList<ModelPackage> packages, EvaluationOptions options)
    {
        var parts = new List<Collected>();
        foreach (var package in packages)
        {
            var part = Models(path, [package], options, packages);
            if (part.Value is null)
            {
                return LoadResult<Collected>.Failed([.. part.Diagnostics.Select(d => d with { Message = $"{d.Message} (model `{package.Definition.Id}`)" })]);
            }

            parts.Add(part.Value);
        }

        var a = parts[0].Sample;
        var b = parts[1].Sample;
        if (a.Count != b.Count || !a.OutcomeSpan.SequenceEqual(b.OutcomeSpan))
        {
            return Fail(path, EvaluationDiagnosticCodes.ModelMismatch, string.Create(CultureInfo.InvariantCulture,
                $"the two models read different rows ({a.Count} and {b.Count}; bad rows were skipped for one and not the other), so their scores cannot be paired; fix the bad rows or compare without skipping them"));
        }

        var merged = new Sample(
            a.Count,
            a.Outcomes,
            [a.Scores[0], b.Scores[0]],
            [a.LevelRanks![0], b.LevelRanks![0]],
            [a.Insufficient[0], b.Insufficient[0]],
            a.Groups)
        {
            Times = a.Times,
        };
        return LoadResult<Collected>.From(
            new Collected(merged, parts[0].Fingerprint, Math.Max(parts[0].BadRows, parts[1].BadRows), parts[0].GroupNames,
                [.. parts[0].Warnings.Select(w => $"{w} (model `{packages[0].Definition.Id}`)"), .. parts[1].Warnings.Select(w => $"{w} (model `{packages[1].Definition.Id}`)")],
                [parts[0].Scorers[0], parts[1].Scorers[0]],
                []),
            new DiagnosticBag());
    }

    /// <summary>Reads one or more score columns.</summary>
    public static LoadResult<Collected> Columns(string path, IReadOnlyList<string> columns, EvaluationOptions options)
    {
        if (!File.Exists(path))
        {
            return Fail(path, DatasetDiagnosticCodes.File, "the dataset file does not exist");
        }

        var refused = Screen(path, [], columns, options);
        if (refused.Count > 0)
        {
            return LoadResult<Collected>.Failed(refused);
        }

        var open = ScoreColumnReader.Open(path, columns, options);
        if (open.Value is null)
        {
            return LoadResult<Collected>.Failed(open.Diagnostics);
        }

        using var reader = open.Value;
        var builder = new SampleBuilder(columns.Count, levels: false, reader.GroupNames, options.MaxGroupLabels, times: options.TimeColumn is not null);
        var scores = new RowScore[columns.Count];
        var progressAt = ProgressEvery;
        while (reader.MoveNext())
        {
            for (var s = 0; s < columns.Count; s++)
            {
                scores[s] = new RowScore(reader.Scores[s], 0, false);
            }

            builder.Add(reader.Outcome, reader.Groups, scores, reader.Time);
            if (builder.Count == progressAt)
            {
                options.Progress?.Report(builder.Count);
                progressAt += ProgressEvery;
            }
        }

        if (reader.Stopped)
        {
            return LoadResult<Collected>.Failed(reader.Errors);
        }

        options.Progress?.Report(builder.Count);
        var warnings = new List<string>();
        if (reader.BadRowCount > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.BadRowCount} bad row(s) were skipped; the first is {reader.Errors[0]}"));
        }

        return Done(path, builder, reader.BadRowCount, reader.GroupNames, warnings, [], reader.FirstLineOutsideUnitInterval);
    }

    private static LoadResult<Collected> Done(
        string path, SampleBuilder builder, int badRows, IReadOnlyList<string> groupNames, List<string> warnings, IReadOnlyList<IRowScorer> scorers, IReadOnlyList<int?> outside)
    {
        var sample = builder.Build();
        if (sample.Count == 0)
        {
            return Fail(path, EvaluationDiagnosticCodes.NoRows, "the dataset has a header but no rows; there is nothing to evaluate");
        }

        var events = sample.Events;
        var nonEvents = sample.Count - events;
        if (events < 2 || nonEvents < 2)
        {
            var message = events == 0 || nonEvents == 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"all {sample.Count} rows have outcome {(events == 0 ? 0 : 1)}, so the AUC, sensitivity and specificity are undefined (there is no case {(events == 0 ? "with" : "without")} the outcome to compare with); an evaluation needs rows with both outcomes")
                : string.Create(CultureInfo.InvariantCulture,
                    $"only {Math.Min(events, nonEvents)} row(s) have outcome {(events < 2 ? 1 : 0)}; the AUC's DeLong interval needs at least 2 rows with each outcome");
            return Fail(path, EvaluationDiagnosticCodes.OneOutcome, message);
        }

        return LoadResult<Collected>.From(
            new Collected(sample, DatasetFingerprint.Compute(path), badRows, groupNames, warnings, scorers, outside),
            new DiagnosticBag());
    }

    /// <summary>Advances every reader to the next row number that all of them could read (bad rows are skipped per model).</summary>
    private static bool Advance(List<DatasetReader> readers)
    {
        foreach (var reader in readers)
        {
            if (!reader.MoveNext())
            {
                return false;
            }
        }

        while (true)
        {
            var target = readers.Max(r => r.Current.RowNumber);
            var aligned = true;
            foreach (var reader in readers)
            {
                while (reader.Current.RowNumber < target)
                {
                    if (!reader.MoveNext())
                    {
                        return false;
                    }
                }

                aligned &= reader.Current.RowNumber == target;
            }

            if (aligned)
            {
                return true;
            }
        }
    }

    private static List<Diagnostic> Screen(string path, IReadOnlyList<Tma.Models.Definitions.ModelDefinition> models, IReadOnlyList<string> scoreColumns, EvaluationOptions options)
    {
        // The time column is named by the user on the command line, like a score column: it is not name-screened.
        var inputs = models.SelectMany(m => m.Inputs).Select(i => i.Id).Concat(scoreColumns)
            .Concat(options.TimeColumn is null ? [] : [options.TimeColumn]).ToHashSet(StringComparer.Ordinal);
        bool IsInput(string column) =>
            inputs.Contains(column) || (column.EndsWith(".relevance", StringComparison.Ordinal) && inputs.Contains(column[..^".relevance".Length]));
        bool IsKnown(string column) =>
            IsInput(column) || column == options.OutcomeColumn || column == options.KeyColumn || column.StartsWith("group:", StringComparison.Ordinal);
        try
        {
            return [.. IdentifierScreen.Screen(path, IsKnown, IsInput).Select(r => new Diagnostic(
                DatasetDiagnosticCodes.IdentifierColumn,
                Severity.Error,
                new SourceLocation(path, 1, r.ColumnNumber),
                $"column `{r.Column}` looks like a direct identifier: {r.Reason}; remove it, anonymized means anonymized"))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [new Diagnostic(DatasetDiagnosticCodes.File, Severity.Error, SourceLocation.WholeFile(path), $"the dataset cannot be read: {ex.Message}")];
        }
    }

    private static LoadResult<Collected> Fail(string path, string code, string message) =>
        LoadResult<Collected>.Failed([new Diagnostic(code, Severity.Error, SourceLocation.WholeFile(path), message)]);

    private static LoadResult<Collected> Fail(string path, int line, string code, string message) =>
        LoadResult<Collected>.Failed([new Diagnostic(code, Severity.Error, new SourceLocation(path, line, 1), message)]);
}
