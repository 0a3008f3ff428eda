using Microsoft.ML;
using Microsoft.ML.Data;
using Tma.Models.Definitions;
using Tma.Research.Evaluation.Statistics;
using Tma.Scoring.Classifiers;

namespace Tma.Research.Training;

/// <summary>A dataset row kept for the optimism bootstrap: copies of its resolved values and its outcome.</summary>
internal sealed record RawRow(double?[] Values, double?[] Relevance, bool Outcome);

/// <summary>
/// The optimism bootstrap of <c>tma train</c> (docs/training.md, "Internal validation"): the fit procedure is the
/// whole training of the spec on a bootstrap sample — the feature statistics (fill values, standardisation) computed
/// from that sample, then the spec's trainer and calibration with the seed <c>seed + b</c> — so every step that looks
/// at the data is repeated, as Harrell requires.
/// </summary>
internal static class ClassifierBootstrapValidation
{
    /// <summary>Runs <paramref name="resamples"/> bootstrap refits of the spec on <paramref name="rows"/>; resample b is drawn by <see cref="OptimismBootstrap.SeededResamples"/> with the spec's seed.</summary>
    public static OptimismValidation Run(TrainingSpec spec, IReadOnlyList<RawRow> rows, int resamples)
    {
        var draft = spec.Draft;
        var features = draft.Classifier!.Features;
        var rawEncoder = new FeatureEncoder(draft);
        var outcomes = rows.Select(r => r.Outcome).ToArray();
        LogOddsPredictor? Fit(int[] training, int resample)
        {
            // Step 1: the feature statistics of this sample (as pass 1 of the trainer).
            var statistics = features.Select(_ => new FeatureStatistics()).ToArray();
            foreach (var i in training)
            {
                for (var f = 0; f < features.Count; f++)
                {
                    if (FeatureEncoder.Value(features[f], rows[i].Values, rows[i].Relevance) is { } value)
                    {
                        statistics[f].Add(rawEncoder.Raw(f, value));
                    }
                    else
                    {
                        statistics[f].AddUnknown();
                    }
                }
            }

            var completed = new FeatureDefinition[features.Count];
            for (var f = 0; f < features.Count; f++)
            {
                var feature = features[f];
                var needsValues = feature.Standardize || feature.Missing is MissingValueStrategy.Mean || (feature.Missing is MissingValueStrategy.Mode && feature.Fill is null);
                if ((needsValues && statistics[f].Known == 0) || (feature.Standardize && !(statistics[f].StandardDeviation > 0)))
                {
                    return null;
                }

                completed[f] = statistics[f].Complete(feature);
            }

            // Step 2: the feature vectors of every row under this sample's statistics, and the fit.
            var model = draft with { Classifier = draft.Classifier with { Features = completed } };
            var encoder = new FeatureEncoder(model);
            var encoded = rows.Select(r => new LabelledRow { Features = encoder.Encode(r.Values, r.Relevance), Label = r.Outcome }).ToArray();
            var positives = training.Count(i => outcomes[i]);
            if (positives == 0 || positives == training.Length)
            {
                return null;
            }

            var seed = unchecked(spec.Seed + resample);
            var schema = MlNet.Schema<LabelledRow>(encoder.Columns);
            var ml = new MLContext(seed);
            var fitted = MlNetTraining.Fit(spec.Trainer, spec.Calibration, seed, ml.Data.LoadFromEnumerable(training.Select(i => encoded[i]), schema), encoder.ColumnCount, withContributions: false);
            return predict =>
            {
                var view = ml.Data.LoadFromEnumerable(predict.Select(i => encoded[i]), schema);
                return [.. fitted.Chain.Transform(view).GetColumn<float>("Probability").Select(p => Calibration.Logit(p))];
            };
        }

        return OptimismBootstrap.Validate(outcomes, Fit, OptimismBootstrap.SeededResamples(rows.Count, resamples, spec.Seed));
    }
}
