namespace Tma.Research.Gate;

/// <summary>What a release gate found: every check of the policy with its value, threshold and outcome.</summary>
public sealed record GateResult
{
    /// <summary>The candidate, e.g. <c>warning-behaviours-triage 1.1.0</c> (or the score column's name).</summary>
    public required string Candidate { get; init; }

    /// <summary>The baseline it replaces, in the same form.</summary>
    public required string Baseline { get; init; }

    /// <summary>The benchmark dataset's path as given.</summary>
    public required string Data { get; init; }

    /// <summary>The SHA-256 fingerprint of the benchmark data (<c>sha256:…</c>), so a report names exactly the data it judged on.</summary>
    public string? DataFingerprint { get; init; }

    /// <summary>Rows both could score.</summary>
    public required int Rows { get; init; }

    /// <summary>Of which with the outcome.</summary>
    public required int Events { get; init; }

    /// <summary>Every check the policy asks for, in policy-key order.</summary>
    public required IReadOnlyList<GateCheck> Checks { get; init; }

    /// <summary>Things to read the result with (e.g. rows skipped by the evaluation), never personal data.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when no check failed (checks that do not apply neither pass nor fail).</summary>
    public bool Passed => Checks.All(c => c.Status != GateCheckStatus.Fail);
}
