using System.Globalization;
using Tma.Research.Evaluation.Statistics;

namespace Tma.Research.Evaluation.Computation;

/// <summary>Builds the report's <see cref="InternalValidation"/> section from one score series (docs/statistics.md, "Internal validation").</summary>
internal static class InternalValidationCalculator
{
    public static InternalValidation Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes, bool scoreIsProbability, int resamples, int seed)
    {
        var x = new double[scores.Length];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = scoreIsProbability ? Calibration.Logit(scores[i]) : scores[i];
        }

        var predictor = scoreIsProbability ? "logit(score)" : "score";
        const string method = "optimism-corrected bootstrap (Efron & Gong 1983; Harrell, Lee & Mark 1996) of the logistic recalibration of the score";
        RecalibrationValidationResult result;
        try
        {
            result = RecalibrationValidation.Validate(x, outcomes, resamples, seed);
        }
        catch (ArgumentException ex)
        {
            // Separation or a constant score: there is no recalibrated model to validate. Said, not thrown.
            return new InternalValidation
            {
                Method = method,
                Predictor = predictor,
                RecalibrationIntercept = double.NaN,
                RecalibrationSlope = double.NaN,
                Resamples = 0,
                Seed = seed,
                FailedFits = 0,
                Indices = [],
                Skipped = [new SkippedFigure("internalValidation", ex.Message.Split(" (Parameter", 2)[0])],
                Notes = [],
            };
        }

        var v = result.Validation;
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"The validated model is the score recalibrated by logistic regression, logit P = a + b·{predictor}; each of the {v.ResamplesRequested} bootstrap samples refits a and b. The model's own weights are not refitted (a points model's weights were not fitted to this dataset; a trained classifier is validated by `tma train --validate-bootstrap`)."),
            "Fitting a + b·x cannot make the AUC (or Dxy) optimistic: with b > 0 it ranks the rows exactly as x does, so every refit's test AUC equals the apparent AUC and its training AUC is the AUC of x itself on the bootstrap sample, whose bootstrap expectation is exactly the apparent AUC. The AUC optimism is therefore 0 by construction; the value shown is the Monte-Carlo noise of B resamples (it shrinks like 1/√B), not overfitting.",
            "The calibration slope's optimism is not 0: on its own bootstrap sample a maximum-likelihood recalibration has slope 1 and intercept 0 exactly (its score equations), while on the original rows its slope is b_orig/b_boot, below 1 on average when b is overfitted; the corrected slope is the shrinkage the recalibrated score needs.",
        };
        if (v.FailedFits > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{v.FailedFits} resample(s) could not be fitted (equal outcomes, constant score or separation in the bootstrap sample) and are left out."));
        }

        return new InternalValidation
        {
            Method = method,
            Predictor = predictor,
            RecalibrationIntercept = result.Intercept,
            RecalibrationSlope = result.Slope,
            Resamples = v.ResamplesRequested,
            Seed = seed,
            FailedFits = v.FailedFits,
            Indices = v.Indices,
            Skipped = v.Skipped,
            Notes = notes,
        };
    }
}
