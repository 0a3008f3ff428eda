namespace Tma.Benchmarks.Bench40;

/// <summary>
/// The 40 bench-40 rules as one hand-written C# function over the engine's dense row: the practical floor. Index map:
/// p01…p12 = 0…11, f01…f04 = 12…15, o1 = 16, o2 = 17, b1…b3 = 18…20, rel = 21, days = 22; relevance of p05 at 4.
/// Every input is known in the benchmark data, so two-valued logic is enough here.
/// </summary>
public static class Bench40Plain
{
    /// <summary>Score and level rank of one row.</summary>
    public static (double Score, int Rank) Score(ReadOnlySpan<double?> v, ReadOnlySpan<double?> r)
    {
        var s = 0.0;
        var m = 0;
        if ((v[0] >= 2)) { s += 2; }
        if ((v[1] >= 2)) { s += 2; }
        if ((v[2] >= 2)) { s += 3; m = Math.Max(m, 1); }
        if ((v[3] >= 2)) { s += 4.5; }
        if ((v[4] >= 2) && r[4] >= 2) { s += 4.5; m = Math.Max(m, 2); }
        if ((v[5] >= 2)) { s += 2; }
        if ((v[6] >= 2)) { s += 1; }
        if ((v[7] >= 2)) { s += 1; }
        if ((v[8] >= 2)) { s += 1; }
        if ((v[9] >= 2)) { s += 1; }
        if ((v[10] >= 2)) { s += 1; }
        if ((v[11] >= 2)) { s += 1; }
        if ((v[0] >= 1) && (v[1] >= 1)) { s += 2; }
        if ((v[2] >= 1) && v[18] == 1) { s += 2; m = Math.Max(m, 2); }
        if ((v[3] >= 2) && (v[5] >= 1)) { s += 2; }
        if ((v[6] >= 1) && (v[7] >= 1) && (v[8] >= 1)) { s += 1.5; }
        if ((v[12] >= 3)) { s += 1; }
        if ((v[13] >= 3)) { s += 1; }
        if ((v[14] >= 4)) { s += 2; }
        if ((v[15] >= 2) && (v[9] >= 1)) { s += 1; }
        if ((v[16] >= 3)) { s += 4.5; m = Math.Max(m, 1); }
        if ((v[16] >= 4)) { s += 6; m = Math.Max(m, 3); }
        if ((v[17] >= 2)) { s += 1; }
        if ((v[17] >= 3) && v[19] == 1) { s += 2; m = Math.Max(m, 2); }
        if (v[18] == 1) { s += 2; m = Math.Max(m, 1); }
        if (v[20] == 1 && (v[10] >= 1)) { s += 1; }
        if (v[21] == 2 || v[21] == 3) { s += 1.5; }
        if (v[21] == 4 && (v[0] >= 1)) { s += 2; }
        if (v[22] <= 30 && (v[6] >= 1)) { s += 1; }
        if (v[22] > 180 && (v[11] >= 2)) { s += 0.5; }
        if (((v[0] >= 2) ? 1 : 0) + ((v[1] >= 2) ? 1 : 0) + ((v[2] >= 2) ? 1 : 0) + ((v[3] >= 2) ? 1 : 0) + ((v[4] >= 2) ? 1 : 0) + ((v[5] >= 2) ? 1 : 0) >= 2) { s += 3; m = Math.Max(m, 2); }
        if (((v[6] >= 1) ? 1 : 0) + ((v[7] >= 1) ? 1 : 0) + ((v[8] >= 1) ? 1 : 0) + ((v[9] >= 1) ? 1 : 0) + ((v[10] >= 1) ? 1 : 0) + ((v[11] >= 1) ? 1 : 0) >= 4) { s += 2; }
        if ((v[12] >= 4) || (v[13] >= 4) || (v[14] >= 4) || (v[15] >= 4)) { s += 1; }
        if (((v[7] >= 2) || (v[8] >= 2)) && !(v[9] >= 1)) { s += 1; }
        if ((v[17] >= 2) || (v[12] >= 4)) { s += 1; }
        if (v[19] != 1 && (v[5] >= 2)) { s += -1; }
        if ((v[1] >= 2) && (v[2] >= 2) && (v[3] >= 2)) { s += 4; m = Math.Max(m, 3); }
        if ((v[0] >= 1) && (v[1] >= 1) && (v[2] >= 1)) { s += 2; }
        if (v[19] == 1 && v[20] == 1) { s += 1; }
        if ((v[11] >= 1) && v[21] != 0) { s += 0.5; }
        return (s, Math.Max(Bench40Scoring.Band(s), m));
    }
}
