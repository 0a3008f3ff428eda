using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Packaging;
using Tma.Scoring.Assessments;
using Tma.Scoring.FastPath;

namespace Tma.Scoring.Classifiers.Tests;

/// <summary>
/// The lowest level is never printed while a key item is open that could change it: on random cases of every shipped
/// model (classifiers and composites included) with at least one key item unknown, the conclusion is the model's lowest
/// level only when no answer to the open items could reach another level, and a step asks for the key items.
/// </summary>
public sealed class KeyItemTests
{
    private const int CasesPerModel = 400;
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Models() => [.. ShippedModels.All()];

    [Theory]
    [MemberData(nameof(Models))]
    public void No_shipped_model_prints_its_lowest_level_while_a_key_item_is_unknown(string name)
    {
        var model = RiskModelCompiler.Compile(ModelPackage.Load(ShippedModels.Directory(name)).GetValueOrThrow(), new FakeTimeProvider(Now), RiskModelOptions.Default.WithClassifiers());
        var definition = model.Definition;
        var keyItems = Enumerable.Range(0, definition.Inputs.Count).Where(i => definition.Inputs[i].MustKnow).ToArray();
        Assert.True(keyItems.Length > 0, $"{name} declares no key item (must_know)");
        var lowest = definition.Levels[0].Id;
        var checkedCases = 0;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var values = new double?[definition.Inputs.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var input = definition.Inputs[i];
                values[i] = random.Next(3) == 0 ? null
                    : input.Type == InputType.Numeric ? input.Minimum ?? 0
                    : random.Next(2) == 0 ? 0 : random.Next(input.Levels.Count);
            }

            // At least one key item unknown, the others random.
            values[keyItems[random.Next(keyItems.Length)]] = null;
            var a = model.Assess(new ResolvedCase(values, new double?[values.Length], [], Now, norm: null));
            // The lowest level only when no answer to the open items could change it (the engine proved the open key
            // item irrelevant to this case, e.g. the duration of negative acts when no act occurs weekly).
            Assert.False(a.Level == lowest && a.PossibleLevels is not null, $"{name}, seed {seed}: printed the lowest level `{lowest}` ({a.Conclusion}) with key items {string.Join(", ", a.Missing.KeyItems)} unknown that could still raise it to {a.PossibleLevels?.Highest}");
            Assert.NotEmpty(a.Missing.KeyItems);
            Assert.Contains(a.Actions, x => x.Id == "gather-key-items");
            checkedCases++;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(CasesPerModel).WithReplay(7, 13), property);

        Assert.Equal(CasesPerModel, checkedCases);
    }
}

/// <summary>Every shipped package, rules, classifier and composite.</summary>
internal static class ShippedModels
{
    public static IEnumerable<string> All() =>
        Repository.ModelFolders().Select(Path.GetFileName)!;

    public static string Directory(string name) => Repository.Model(name);
}
