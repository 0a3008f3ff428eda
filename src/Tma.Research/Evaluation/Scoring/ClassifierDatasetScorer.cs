using Tma.Models.Diagnostics;
using Tma.Research.Datasets;
using Tma.Scoring.Assessments;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Evaluation.Scoring;

/// <summary>
/// A classifier over a dataset file: the rows are read by <see cref="DatasetReader"/> and encoded as they stream into
/// the classifier's single ML.NET <c>Transform</c>; outcomes and subgroup labels are collected on the way.
/// </summary>
internal sealed class ClassifierDatasetScorer(ClassifierRiskModel model) : IDatasetScorer
{
    public ModelReference Reference => model.Reference;

    public LoadResult<DatasetScores> ScoreDataset(string path, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var opened = DatasetReader.Open(path, model.Definition, options);
        if (opened.Value is not { } reader)
        {
            return LoadResult<DatasetScores>.Failed(opened.Diagnostics);
        }

        using (reader)
        {
            var outcomes = new List<bool>();
            var times = options?.TimeColumn is null ? null : new List<double>();
            var groups = reader.Header.GroupNames.Select(_ => new List<string?>()).ToArray();
            IEnumerable<FeatureRow> Rows()
            {
                while (reader.MoveNext())
                {
                    var row = reader.Current;
                    outcomes.Add(row.Outcome);
                    times?.Add(row.Time);
                    for (var g = 0; g < groups.Length; g++)
                    {
                        groups[g].Add(row.Groups[g]);
                    }

                    yield return model.Encode(row.Values, row.Relevance);
                }
            }

            var probabilities = model.Probabilities(Rows()).ToList();
            if (reader.Stopped)
            {
                return LoadResult<DatasetScores>.Failed(reader.Errors);
            }

            var rounded = probabilities.Select(p => Math.Round(p, 6)).ToArray();
            var ranks = probabilities.Select(model.LevelRank).ToArray();
            return LoadResult<DatasetScores>.From(
                new DatasetScores(rounded, rounded, ranks, [.. outcomes], reader.Header.GroupNames, [.. groups.Select(g => g.ToArray())], reader.BadRowCount, times?.ToArray()),
                new DiagnosticBag());
        }
    }
}
