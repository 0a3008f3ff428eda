using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Tma.Models.Cases;
using Tma.Models.Definitions;
using Tma.Models.Diagnostics;
using Tma.Scoring.Assessments;
using Tma.Scoring.Outcome;

namespace Tma.Scoring.Classifiers;

/// <summary>
/// A classifier package compiled for scoring: the ML.NET model file (checked against its SHA-256 and the declared
/// features) with its feature-contribution calculator. Single cases go through pooled prediction engines (a
/// <c>PredictionEngine</c> is not thread-safe; the pool gives each concurrent call its own); many rows go through one
/// <c>Transform</c> over a streamed <c>IDataView</c> (<see cref="Probabilities"/>, used by the research tools'
/// dataset scoring). Immutable and safe to share between threads.
/// </summary>
internal sealed class ClassifierRiskModel : IRiskModel
{
    /// <summary>Name of this evaluation path in assessments.</summary>
    public const string EngineName = "mlnet";

    private readonly ClassifierDefinition _classifier;
    private readonly FeatureEncoder _encoder;
    private readonly int[] _columnFeature;
    private readonly BandScale _bands;
    private readonly MissingDataVerdict _missing;
    private readonly ConclusionBuilder _conclusions;
    private readonly TimeProvider _time;
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _schema;
    private readonly ObjectPool<PredictionEngine<FeatureRow, ScoredRow>> _engines;

    private ClassifierRiskModel(ModelDefinition definition, ModelReference reference, TimeProvider time, MLContext ml, ITransformer transformer, FeatureEncoder encoder)
    {
        Definition = definition;
        Reference = reference;
        _classifier = definition.Classifier!;
        _time = time;
        _ml = ml;
        _transformer = transformer;
        _encoder = encoder;
        _schema = MlNet.Schema<FeatureRow>(encoder.Columns);
        _columnFeature = new int[encoder.ColumnCount];
        for (var f = 0; f < encoder.Features.Count; f++)
        {
            for (var c = 0; c < encoder.Features[f].Columns.Count; c++)
            {
                _columnFeature[encoder.FirstColumn(f) + c] = f;
            }
        }

        _bands = new BandScale(_classifier.Bands, definition, $"model {definition.Id}");
        _missing = new MissingDataVerdict(definition, UnknownReading.Imputed);
        _conclusions = new ConclusionBuilder(definition);
        _engines = new DefaultObjectPool<PredictionEngine<FeatureRow, ScoredRow>>(new EnginePolicy(this), Math.Max(4, Environment.ProcessorCount * 2));
    }

    public ModelReference Reference { get; }

    public ModelDefinition Definition { get; }

    /// <summary>Loads the model file of a classifier package and checks it.</summary>
    /// <exception cref="ModelLoadException">The model file is missing, its SHA-256 differs from the declared one, it cannot be read, or its input schema does not match the declared features.</exception>
    public static ClassifierRiskModel Load(ModelDefinition definition, ModelReference reference, string directory, TimeProvider time)
    {
        var classifier = definition.Classifier ?? throw new ArgumentException($"Model {definition.Id} is not a classifier.", nameof(definition));
        var at = definition.Location;
        var path = Path.Combine(directory, classifier.ModelFile);
        if (!File.Exists(path))
        {
            throw Fail(DiagnosticCodes.FileNotFound, at, $"the model file `{classifier.ModelFile}` does not exist in the package folder");
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, classifier.Sha256, StringComparison.Ordinal))
        {
            throw Fail(DiagnosticCodes.HashMismatch, at, $"the SHA-256 of `{classifier.ModelFile}` is {actual}, not the declared {classifier.Sha256}: the model file was changed or replaced after training; refusing to load it");
        }

        var ml = new MLContext(classifier.Seed);
        ITransformer transformer;
        DataViewSchema input;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            transformer = ml.Model.Load(stream, out input);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or InvalidDataException or IOException or ArgumentException)
        {
            throw Fail(DiagnosticCodes.SchemaMismatch, at, $"`{classifier.ModelFile}` is not an ML.NET model file this engine can read ({ex.GetType().Name})");
        }

        var encoder = new FeatureEncoder(definition);
        CheckSchema(transformer, input, encoder.Columns, classifier.ModelFile, at);
        return new ClassifierRiskModel(definition, reference, time, ml, transformer, encoder);
    }

    public Assessment Assess(CaseData data) => Assess(CaseIntake.Resolve(Definition, data, _time));

    public Assessment Assess(ResolvedCase data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var values = data.Values as double?[] ?? [.. data.Values];
        var relevance = data.Relevance as double?[] ?? [.. data.Relevance];
        var row = new FeatureRow { Features = _encoder.Encode(values, relevance) };
        var engine = _engines.Get();
        ScoredRow scored;
        try
        {
            scored = engine.Predict(row);
        }
        finally
        {
            _engines.Return(engine);
        }

        var probability = (double)scored.Probability;
        var rank = _bands.Rank(probability);
        var missing = _missing.For(values);

        // A classifier cannot bound what open items would change: a level when the policy supports it, else unassessable.
        var open = AbstractEvaluator.AnyOpen(data);
        var supported = missing.Validity != Validity.Insufficient && !Definition.Inputs.Where((input, i) => input.MustKnow && AbstractEvaluator.IsOpen(data, i)).Any();
        var bounds = supported || !open ? new RankRange(rank, rank, null, null) : new RankRange(0, Definition.Levels.Count - 1, null, null);
        var concluded = _conclusions.Build(data, rank, bounds, missing);
        var contributions = new FeatureContribution[_encoder.ColumnCount];
        for (var c = 0; c < contributions.Length; c++)
        {
            var feature = _encoder.Features[_columnFeature[c]];
            var input = Definition.Inputs[feature.InputIndex];
            var value = FeatureEncoder.Value(feature, values, relevance);
            var contribution = c < scored.FeatureContributions.Length ? scored.FeatureContributions[c] : 0f;
            contributions[c] = new FeatureContribution(_encoder.Columns[c], input.Id, input.Describe(value, feature.Relevance), Math.Round(contribution, 6));
        }

        var actions = ConclusionBuilder.Merge(ConclusionBuilder.LevelActions(Definition, concluded.Rank), concluded);
        var kind = new KindOutcome(probability, actions, _conclusions.Verdict(missing, concluded), EngineName)
        {
            Probability = probability,
            Contributions = contributions,
            ReasonCodes = Reasons(contributions),
        };
        return _conclusions.Compose(Reference, concluded, kind, data.AsOf, _time.GetUtcNow());
    }

    /// <summary>The feature row of one case (dataset scoring encodes each row as it is read).</summary>
    internal FeatureRow Encode(ReadOnlySpan<double?> values, ReadOnlySpan<double?> relevance) => new() { Features = _encoder.Encode(values, relevance) };

    /// <summary>
    /// The calibrated probabilities of many rows through one <c>Transform</c> over a view streamed from
    /// <paramref name="rows"/>; only the probability column is computed. The rows are enumerated once, in order.
    /// </summary>
    internal IEnumerable<double> Probabilities(IEnumerable<FeatureRow> rows)
    {
        var view = new MLContext(_classifier.Seed).Data.LoadFromEnumerable(rows, _schema);
        var scored = _transformer.Transform(view);
        var column = scored.Schema["Probability"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        float value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            yield return value;
        }
    }

    /// <summary>The output level rank of a probability (its band).</summary>
    internal int LevelRank(double probability) => _bands.Rank(probability);

    /// <summary>The features that raised the probability, largest contribution first (the shared reason order).</summary>
    private RankedReason[] Reasons(FeatureContribution[] contributions)
    {
        var raising = contributions.Where(c => c.Contribution > 0).ToArray();
        var order = new int[raising.Length];
        ReasonRanking.Order([.. raising.Select(c => c.Contribution)], order);
        return [.. order.Take(_classifier.MaxReasonCodes).Select(i => Reason(raising[i]))];
    }

    private RankedReason Reason(FeatureContribution c) =>
        new(c.Feature, c.Contribution, $"{Definition.Inputs[Definition.InputIndex(c.Input)].Label}{(c.Feature.Contains(".relevance", StringComparison.Ordinal) ? _conclusions.Texts.RelevanceSuffix : "")}: {c.Value}");

    private static void CheckSchema(ITransformer transformer, DataViewSchema input, IReadOnlyList<string> columns, string file, SourceLocation at)
    {
        var features = input.GetColumnOrNull(MlNet.FeaturesColumn);
        if (features is null || features.Value.Type is not VectorDataViewType { Size: var size } vector || vector.ItemType != NumberDataViewType.Single)
        {
            throw Fail(DiagnosticCodes.SchemaMismatch, at, $"`{file}` does not take a `Features` vector of numbers; it was not written by `tma train`");
        }

        string[] slots = [];
        if (features.Value.HasSlotNames())
        {
            var names = default(VBuffer<ReadOnlyMemory<char>>);
            features.Value.GetSlotNames(ref names);
            slots = [.. names.DenseValues().Select(n => n.ToString())];
        }

        if (size != columns.Count || !slots.SequenceEqual(columns, StringComparer.Ordinal))
        {
            var firstDifference = Enumerable.Range(0, Math.Max(slots.Length, columns.Count)).First(i => i >= slots.Length || i >= columns.Count || slots[i] != columns[i]);
            var theirs = firstDifference < slots.Length ? $"`{slots[firstDifference]}`" : "nothing";
            var ours = firstDifference < columns.Count ? $"`{columns[firstDifference]}`" : "nothing";
            throw Fail(DiagnosticCodes.SchemaMismatch, at, $"the model file `{file}` takes {size} feature columns but the package declares {columns.Count}; the first difference is at column {firstDifference + 1}: the model file has {theirs}, the features give {ours}. Retrain the model with these features");
        }

        var output = transformer.GetOutputSchema(input);
        if (output.GetColumnOrNull("Probability") is null || output.GetColumnOrNull(MlNet.ContributionsColumn) is null)
        {
            throw Fail(DiagnosticCodes.SchemaMismatch, at, $"the model file `{file}` gives no calibrated probability or no feature contributions; it was not written by `tma train`");
        }
    }

    private static ModelLoadException Fail(string code, SourceLocation at, string message) =>
        new([new Diagnostic(code, Severity.Error, at, message)]);

    private sealed class EnginePolicy(ClassifierRiskModel model) : PooledObjectPolicy<PredictionEngine<FeatureRow, ScoredRow>>
    {
        private readonly Lock _gate = new();

        public override PredictionEngine<FeatureRow, ScoredRow> Create()
        {
            lock (_gate)
            {
                return model._ml.Model.CreatePredictionEngine<FeatureRow, ScoredRow>(model._transformer, inputSchemaDefinition: model._schema);
            }
        }

        public override bool Return(PredictionEngine<FeatureRow, ScoredRow> obj) => true;
    }
}
