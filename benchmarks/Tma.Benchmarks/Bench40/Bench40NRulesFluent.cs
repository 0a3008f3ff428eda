// One concern, kept in one file on purpose: the hand-written NRules baseline of the per-case benchmark. Its 40 rule
// classes are the bench-40 model written out by hand; splitting them over files would hide that they are one model.
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;

namespace Tma.Benchmarks.Bench40;

/// <summary>
/// The 40 bench-40 rules hand-written in the NRules fluent DSL over <see cref="BenchCase"/>: one rule class each, the
/// action records the firing on the fact. Assess = a fresh session per case, insert, fire, then
/// <see cref="Bench40Scoring"/>.
/// </summary>
public sealed class Bench40NRulesFluent
{
    private readonly ISessionFactory _factory;

    public Bench40NRulesFluent()
    {
        var repository = new RuleRepository();
        repository.Load(spec => spec.From(typeof(Bench40NRulesFluent).Assembly).Where(rule => rule.Name.StartsWith("bench40.", StringComparison.Ordinal)));
        _factory = repository.Compile();
    }

    /// <summary>Score and level rank of one case, and which rules fired.</summary>
    public (double Score, int Rank) Assess(BenchCase fact)
    {
        Array.Clear(fact.Fired);
        var session = _factory.CreateSession();
        session.Insert(fact);
        session.Fire();
        return Bench40Scoring.Outcome(fact.Fired);
    }
}

[Name("bench40.i01")]
public sealed class BenchRule01 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P01 >= 2);
        Then().Do(_ => c.Fire(0));
    }
}

[Name("bench40.i02")]
public sealed class BenchRule02 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P02 >= 2);
        Then().Do(_ => c.Fire(1));
    }
}

[Name("bench40.i03")]
public sealed class BenchRule03 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P03 >= 2);
        Then().Do(_ => c.Fire(2));
    }
}

[Name("bench40.i04")]
public sealed class BenchRule04 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P04 >= 2);
        Then().Do(_ => c.Fire(3));
    }
}

[Name("bench40.i05")]
public sealed class BenchRule05 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P05 >= 2 && x.P05Relevance >= 2);
        Then().Do(_ => c.Fire(4));
    }
}

[Name("bench40.i06")]
public sealed class BenchRule06 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P06 >= 2);
        Then().Do(_ => c.Fire(5));
    }
}

[Name("bench40.i07")]
public sealed class BenchRule07 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P07 >= 2);
        Then().Do(_ => c.Fire(6));
    }
}

[Name("bench40.i08")]
public sealed class BenchRule08 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P08 >= 2);
        Then().Do(_ => c.Fire(7));
    }
}

[Name("bench40.i09")]
public sealed class BenchRule09 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P09 >= 2);
        Then().Do(_ => c.Fire(8));
    }
}

[Name("bench40.i10")]
public sealed class BenchRule10 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P10 >= 2);
        Then().Do(_ => c.Fire(9));
    }
}

[Name("bench40.i11")]
public sealed class BenchRule11 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P11 >= 2);
        Then().Do(_ => c.Fire(10));
    }
}

[Name("bench40.i12")]
public sealed class BenchRule12 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P12 >= 2);
        Then().Do(_ => c.Fire(11));
    }
}

[Name("bench40.i13")]
public sealed class BenchRule13 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P01 >= 1 && x.P02 >= 1);
        Then().Do(_ => c.Fire(12));
    }
}

[Name("bench40.i14")]
public sealed class BenchRule14 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P03 >= 1 && x.B1);
        Then().Do(_ => c.Fire(13));
    }
}

[Name("bench40.i15")]
public sealed class BenchRule15 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P04 >= 2 && x.P06 >= 1);
        Then().Do(_ => c.Fire(14));
    }
}

[Name("bench40.i16")]
public sealed class BenchRule16 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P07 >= 1 && x.P08 >= 1 && x.P09 >= 1);
        Then().Do(_ => c.Fire(15));
    }
}

[Name("bench40.i17")]
public sealed class BenchRule17 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.F01 >= 3);
        Then().Do(_ => c.Fire(16));
    }
}

[Name("bench40.i18")]
public sealed class BenchRule18 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.F02 >= 3);
        Then().Do(_ => c.Fire(17));
    }
}

[Name("bench40.i19")]
public sealed class BenchRule19 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.F03 >= 4);
        Then().Do(_ => c.Fire(18));
    }
}

[Name("bench40.i20")]
public sealed class BenchRule20 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.F04 >= 2 && x.P10 >= 1);
        Then().Do(_ => c.Fire(19));
    }
}

[Name("bench40.i21")]
public sealed class BenchRule21 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.O1 >= 3);
        Then().Do(_ => c.Fire(20));
    }
}

[Name("bench40.i22")]
public sealed class BenchRule22 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.O1 >= 4);
        Then().Do(_ => c.Fire(21));
    }
}

[Name("bench40.i23")]
public sealed class BenchRule23 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.O2 >= 2);
        Then().Do(_ => c.Fire(22));
    }
}

[Name("bench40.i24")]
public sealed class BenchRule24 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.O2 >= 3 && x.B2);
        Then().Do(_ => c.Fire(23));
    }
}

[Name("bench40.i25")]
public sealed class BenchRule25 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.B1);
        Then().Do(_ => c.Fire(24));
    }
}

[Name("bench40.i26")]
public sealed class BenchRule26 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.B3 && x.P11 >= 1);
        Then().Do(_ => c.Fire(25));
    }
}

[Name("bench40.i27")]
public sealed class BenchRule27 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.Rel == "former" || x.Rel == "partner");
        Then().Do(_ => c.Fire(26));
    }
}

[Name("bench40.i28")]
public sealed class BenchRule28 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.Rel == "stranger" && x.P01 >= 1);
        Then().Do(_ => c.Fire(27));
    }
}

[Name("bench40.i29")]
public sealed class BenchRule29 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.Days <= 30 && x.P07 >= 1);
        Then().Do(_ => c.Fire(28));
    }
}

[Name("bench40.i30")]
public sealed class BenchRule30 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.Days > 180 && x.P12 >= 2);
        Then().Do(_ => c.Fire(29));
    }
}

[Name("bench40.i31")]
public sealed class BenchRule31 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => (x.P01 >= 2 ? 1 : 0) + (x.P02 >= 2 ? 1 : 0) + (x.P03 >= 2 ? 1 : 0) + (x.P04 >= 2 ? 1 : 0) + (x.P05 >= 2 ? 1 : 0) + (x.P06 >= 2 ? 1 : 0) >= 2);
        Then().Do(_ => c.Fire(30));
    }
}

[Name("bench40.i32")]
public sealed class BenchRule32 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => (x.P07 >= 1 ? 1 : 0) + (x.P08 >= 1 ? 1 : 0) + (x.P09 >= 1 ? 1 : 0) + (x.P10 >= 1 ? 1 : 0) + (x.P11 >= 1 ? 1 : 0) + (x.P12 >= 1 ? 1 : 0) >= 4);
        Then().Do(_ => c.Fire(31));
    }
}

[Name("bench40.i33")]
public sealed class BenchRule33 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.F01 >= 4 || x.F02 >= 4 || x.F03 >= 4 || x.F04 >= 4);
        Then().Do(_ => c.Fire(32));
    }
}

[Name("bench40.i34")]
public sealed class BenchRule34 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => (x.P08 >= 2 || x.P09 >= 2) && !(x.P10 >= 1));
        Then().Do(_ => c.Fire(33));
    }
}

[Name("bench40.i35")]
public sealed class BenchRule35 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.O2 >= 2 || x.F01 >= 4);
        Then().Do(_ => c.Fire(34));
    }
}

[Name("bench40.i36")]
public sealed class BenchRule36 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => !x.B2 && x.P06 >= 2);
        Then().Do(_ => c.Fire(35));
    }
}

[Name("bench40.i37")]
public sealed class BenchRule37 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P02 >= 2 && x.P03 >= 2 && x.P04 >= 2);
        Then().Do(_ => c.Fire(36));
    }
}

[Name("bench40.i38")]
public sealed class BenchRule38 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P01 >= 1 && x.P02 >= 1 && x.P03 >= 1);
        Then().Do(_ => c.Fire(37));
    }
}

[Name("bench40.i39")]
public sealed class BenchRule39 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.B2 && x.B3);
        Then().Do(_ => c.Fire(38));
    }
}

[Name("bench40.i40")]
public sealed class BenchRule40 : Rule
{
    public override void Define()
    {
        BenchCase c = null!;
        When().Match(() => c, x => x.P12 >= 1 && x.Rel != "colleague");
        Then().Do(_ => c.Fire(39));
    }
}
