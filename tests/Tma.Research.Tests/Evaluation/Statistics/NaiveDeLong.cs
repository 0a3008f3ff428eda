namespace Tma.Research.Tests.Evaluation.Statistics;

/// <summary>
/// The O(m·n) DeLong et al. (1988) estimator written out plainly from its definition, as a reference for the fast
/// Sun &amp; Xu implementation: ψ(x, y) = 1 if x &gt; y, ½ if x = y, 0 otherwise; V10(Xᵢ) = (1/n)Σⱼ ψ(Xᵢ, Yⱼ);
/// V01(Yⱼ) = (1/m)Σᵢ ψ(Xᵢ, Yⱼ); S10_rs = Σᵢ (V10ʳ − Aʳ)(V10ˢ − Aˢ)/(m − 1), likewise S01; S = S10/m + S01/n.
/// </summary>
internal static class NaiveDeLong
{
    public static (double[] Aucs, double[,] Covariance) Estimate(double[][] scoresPerModel, bool[] outcomes)
    {
        var pos = Enumerable.Range(0, outcomes.Length).Where(i => outcomes[i]).ToArray();
        var neg = Enumerable.Range(0, outcomes.Length).Where(i => !outcomes[i]).ToArray();
        int m = pos.Length, n = neg.Length, k = scoresPerModel.Length;
        var v10 = new double[k, m];
        var v01 = new double[k, n];
        var aucs = new double[k];
        for (var r = 0; r < k; r++)
        {
            var s = scoresPerModel[r];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var psi = s[pos[i]] > s[neg[j]] ? 1.0 : s[pos[i]] == s[neg[j]] ? 0.5 : 0.0;
                    v10[r, i] += psi / n;
                    v01[r, j] += psi / m;
                    aucs[r] += psi / (m * (double)n);
                }
            }
        }

        var covariance = new double[k, k];
        for (var r = 0; r < k; r++)
        {
            for (var q = 0; q < k; q++)
            {
                double s10 = 0, s01 = 0;
                for (var i = 0; i < m; i++)
                {
                    s10 += (v10[r, i] - aucs[r]) * (v10[q, i] - aucs[q]);
                }

                for (var j = 0; j < n; j++)
                {
                    s01 += (v01[r, j] - aucs[r]) * (v01[q, j] - aucs[q]);
                }

                covariance[r, q] = (s10 / (m - 1) / m) + (s01 / (n - 1) / n);
            }
        }

        return (aucs, covariance);
    }
}
