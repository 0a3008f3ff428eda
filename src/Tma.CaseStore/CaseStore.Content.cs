// One concern, kept in one file on purpose: the case-content operations of the store (observations, assessments,
// decisions, documents), each an audited, encrypted, versioned write or read with the same shape.
using System.Data;
using System.Globalization;
using System.Text.RegularExpressions;
using Tma.Models.Cases;

namespace Tma.CaseStore;

public sealed partial class CaseStore
{
    internal const int MaxValue = 4096;
    internal const int MaxFreeText = 64 * 1024;
    internal const int MaxJson = 16 * 1024 * 1024;

    /// <summary>
    /// Appends an observation (rater = the caller, entered-at = the store's clock). To correct one, pass its id in
    /// <see cref="NewObservation.Supersedes"/>: the old one stays, marked as superseded. Bumps the case version.
    /// </summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="observation">The observation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored observation.</returns>
    /// <exception cref="CaseStoreNotFoundException">The case, or the superseded observation, is not in the caller's tenant and case.</exception>
    /// <exception cref="ConcurrencyConflictException">The superseded observation has already been superseded.</exception>
    /// <exception cref="CaseStateException">The case is closed.</exception>
    public Task<ObservationRecord> AddObservationAsync(Caller caller, Guid caseId, NewObservation observation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return RunAsync(caller, Operation.ObservationAdd, caseId, async context =>
        {
            new Validator()
                .Text("inputId", observation.InputId, MaxShortText)
                .Text("value", observation.Value, MaxValue)
                .Time("observedAt", observation.ObservedAt)
                .Text("source", observation.Source, MaxFreeText, allowEmpty: true)
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            EnsureWritable(row);
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            if (observation.Supersedes is { } old)
            {
                var exists = await context.Session.ScalarAsync<long>(
                    "SELECT COUNT(*) FROM observations WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                    new { context.TenantId, CaseId = row.Id, Id = old.ToString("D") }).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new CaseStoreNotFoundException("observation", old);
                }

                var taken = await context.Session.ScalarAsync<long>(
                    "SELECT COUNT(*) FROM observations WHERE tenant_id = @TenantId AND supersedes_id = @Id",
                    new { context.TenantId, Id = old.ToString("D") }).ConfigureAwait(false);
                if (taken > 0)
                {
                    throw new ConcurrencyConflictException(caseId, old);
                }
            }

            var id = Guid.NewGuid();
            var stored = new ObservationRecord(id, caseId, observation.InputId, observation.Value, observation.ObservedAt, Time.FromMs(context.Now), caller.UserId, observation.Source, observation.Supersedes, null, observation.Reliability);
            try
            {
                await context.Session.ExecuteAsync(
                    """
                    INSERT INTO observations (tenant_id, id, case_id, input_id, value, source, observed_at, entered_at, rater_id, supersedes_id, reliability)
                    VALUES (@TenantId, @Id, @CaseId, @InputId, @Value, @Source, @ObservedAt, @EnteredAt, @RaterId, @SupersedesId, @Reliability)
                    """,
                    new
                    {
                        context.TenantId,
                        Id = id.ToString("D"),
                        CaseId = row.Id,
                        InputId = FieldCipher.EncryptString(key, Slot(context, caseId, "observations", id, "input_id"), observation.InputId),
                        Value = FieldCipher.EncryptString(key, Slot(context, caseId, "observations", id, "value"), observation.Value),
                        Source = FieldCipher.EncryptString(key, Slot(context, caseId, "observations", id, "source"), observation.Source),
                        ObservedAt = observation.ObservedAt.ToUnixTimeMilliseconds(),
                        EnteredAt = context.Now,
                        RaterId = caller.UserId,
                        SupersedesId = observation.Supersedes?.ToString("D"),
                        Reliability = observation.Reliability is { } reliability
                            ? FieldCipher.EncryptString(key, Slot(context, caseId, "observations", id, "reliability"), SourceReliabilityNames.Of(reliability))
                            : null,
                    }).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException ex) when (_dialect.IsUniqueViolation(ex) && observation.Supersedes is { } superseded)
            {
                throw new ConcurrencyConflictException(caseId, superseded);
            }

            await BumpAsync(context, row, row.Version).ConfigureAwait(false);
            context.RecordId = id;
            return stored;
        }, cancellationToken);
    }

    /// <summary>Reads a case's observations, oldest observed first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="includeSuperseded">Whether to include observations that a correction replaced; default <see langword="false"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The observations.</returns>
    /// <exception cref="ContentUnavailableException">The case was shredded, or a ciphertext fails authentication.</exception>
    public async Task<IReadOnlyList<ObservationRecord>> GetObservationsAsync(Caller caller, Guid caseId, bool includeSuperseded = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Validate();
        return await TryGetObservationsPreparedAsync(caller, caseId, includeSuperseded, cancellationToken).ConfigureAwait(false)
            ?? await RunAsync<IReadOnlyList<ObservationRecord>>(caller, Operation.ObservationRead, caseId, async context =>
            {
                var key = await CaseKeyAsync(context, context.RequiredCase).ConfigureAwait(false);
                var result = Current(await ReadObservationsAsync(context.Session, context.TenantId, context.RequiredCase, key).ConfigureAwait(false), includeSuperseded);
                context.Detail = ObservationReadDetail(result);
                return result;
            }, cancellationToken).ConfigureAwait(false);
    }

    private static IReadOnlyList<ObservationRecord> Current(IReadOnlyList<ObservationRecord> all, bool includeSuperseded) =>
        includeSuperseded ? all : all.Where(o => o.SupersededBy is null).ToArray();

    private static string ObservationReadDetail(IReadOnlyList<ObservationRecord> result) => $"count={result.Count}";

    private async Task<IReadOnlyList<ObservationRecord>> ReadObservationsAsync(OperationContext context, CaseRow row) =>
        await ReadObservationsAsync(context.Session, context.TenantId, row, await CaseKeyAsync(context, row).ConfigureAwait(false)).ConfigureAwait(false);

    private static async Task<IReadOnlyList<ObservationRecord>> ReadObservationsAsync(Session session, string tenantId, CaseRow row, byte[] key)
    {
        var caseId = row.CaseId;
        var rows = await session.QueryAsync<ObservationRow>(
            $"SELECT {ObservationRow.Columns} FROM observations WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY observed_at, entered_at, id",
            new { TenantId = tenantId, CaseId = row.Id }).ConfigureAwait(false);
        var supersededBy = rows.Where(r => r.SupersedesId is not null).ToDictionary(r => r.SupersedesId!, r => Guid.Parse(r.Id), StringComparer.Ordinal);
        return rows.Select(r =>
        {
            var id = Guid.Parse(r.Id);
            FieldSlot Slot(string column) => new(tenantId, caseId, "observations", id, column);
            return new ObservationRecord(
                id,
                caseId,
                FieldCipher.DecryptString(key, Slot("input_id"), r.InputId),
                FieldCipher.DecryptString(key, Slot("value"), r.Value),
                Time.FromMs(r.ObservedAt),
                Time.FromMs(r.EnteredAt),
                r.RaterId,
                FieldCipher.DecryptString(key, Slot("source"), r.Source),
                r.SupersedesId is null ? null : Guid.Parse(r.SupersedesId),
                supersededBy.TryGetValue(r.Id, out var by) ? by : null,
                Reliability(r.Reliability is null ? null : FieldCipher.DecryptString(key, Slot("reliability"), r.Reliability)));
        }).ToArray();
    }

    private static SourceReliability? Reliability(string? name) =>
        name is null ? null
        : SourceReliabilityNames.TryParse(name, out var reliability) ? reliability
        : throw new InvalidDataException($"Stored observation reliability `{name}` is not a known grade.");

    /// <summary>Stores an assessment, immutably. Bumps the case version.</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="assessment">The assessment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored assessment.</returns>
    /// <exception cref="CaseStoreValidationException">A field is missing, too long, or a JSON document is not well-formed.</exception>
    /// <exception cref="CaseStateException">The case is closed.</exception>
    public async Task<AssessmentRecord> AddAssessmentAsync(Caller caller, Guid caseId, NewAssessment assessment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(caller);
        caller.Validate();
        return await TryAddAssessmentPreparedAsync(caller, caseId, assessment, cancellationToken).ConfigureAwait(false)
            ?? await RunAsync(caller, Operation.AssessmentAdd, caseId, async context =>
            {
                ValidateAssessment(assessment).ThrowIfInvalid();
                var row = context.RequiredCase;
                EnsureWritable(row);
                var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
                var id = Guid.NewGuid();
                await new SqlBatch().Add(WithModelReview(AssessmentInsert(context.TenantId, row, key, id, assessment, context.Now, caller.UserId), assessment)).ExecuteAsync(context.Session).ConfigureAwait(false);
                await BumpAsync(context, row, row.Version).ConfigureAwait(false);
                context.RecordId = id;
                return new AssessmentRecord(id, caseId, assessment, Time.FromMs(context.Now), caller.UserId);
            }, cancellationToken).ConfigureAwait(false);
    }

    private static Validator ValidateAssessment(NewAssessment assessment) => new Validator()
        .Text("packageId", assessment.PackageId, 256)
        .Text("packageVersion", assessment.PackageVersion, 64)
        .Text("packageHash", assessment.PackageHash, 256)
        .Text("level", assessment.Level, MaxShortText)
        .Check(assessment.Score is null || double.IsFinite(assessment.Score.Value), "score: must be a finite number")
        .Json("inputsJson", assessment.InputsJson, MaxJson)
        .Json("assessmentJson", assessment.AssessmentJson, MaxJson)
        .Time("assessedAt", assessment.AssessedAt)
        .Check(assessment.ReviewBy is null || assessment.ReviewBy.Value != default, "reviewBy: not a date");

    /// <summary>The insert of an assessment, its content encrypted under the case's data key.</summary>
    private static SqlStatement AssessmentInsert(string tenantId, CaseRow row, byte[] key, Guid id, NewAssessment assessment, long now, string userId)
    {
        var caseId = row.CaseId;
        FieldSlot Slot(string column) => new(tenantId, caseId, "assessments", id, column);
        return new(
            """
            INSERT INTO assessments (tenant_id, id, case_id, package_id, package_version, package_hash, is_challenger, level, score, inputs, result, assessed_at, as_of, entered_at, entered_by)
            VALUES (@TenantId, @Id, @CaseId, @PackageId, @PackageVersion, @PackageHash, @IsChallenger, @Level, @Score, @Inputs, @Result, @AssessedAt, @AsOf, @EnteredAt, @EnteredBy)
            """,
            ("TenantId", tenantId, DbType.String),
            ("Id", id.ToString("D"), DbType.String),
            ("CaseId", row.Id, DbType.String),
            ("PackageId", assessment.PackageId, DbType.String),
            ("PackageVersion", assessment.PackageVersion, DbType.String),
            ("PackageHash", assessment.PackageHash, DbType.String),
            ("IsChallenger", assessment.IsChallenger ? 1L : 0L, DbType.Int64),
            ("Level", FieldCipher.EncryptString(key, Slot("level"), assessment.Level), DbType.Binary),
            ("Score", assessment.Score is { } score ? FieldCipher.EncryptString(key, Slot("score"), score.ToString("R", CultureInfo.InvariantCulture)) : null, DbType.Binary),
            ("Inputs", FieldCipher.EncryptString(key, Slot("inputs"), assessment.InputsJson), DbType.Binary),
            ("Result", FieldCipher.EncryptString(key, Slot("result"), assessment.AssessmentJson), DbType.Binary),
            ("AssessedAt", assessment.AssessedAt.ToUnixTimeMilliseconds(), DbType.Int64),
            ("AsOf", assessment.AsOf?.ToUnixTimeMilliseconds(), DbType.Int64),
            ("EnteredAt", now, DbType.Int64),
            ("EnteredBy", userId, DbType.String));
    }

    /// <summary>Reads a case's assessments, oldest first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assessments, with their full JSON.</returns>
    public Task<IReadOnlyList<AssessmentRecord>> GetAssessmentsAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<AssessmentRecord>>(caller, Operation.AssessmentRead, caseId, async context =>
        {
            var result = await ReadAssessmentsAsync(context, context.RequiredCase, full: true).ConfigureAwait(false);
            context.Detail = $"count={result.Count}";
            return result;
        }, cancellationToken);

    /// <summary>The risk curve of a case: its assessments over time as a series, oldest first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="includeChallengers">Whether to include challenger assessments; default <see langword="false"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The curve.</returns>
    public Task<RiskCurve> GetRiskCurveAsync(Caller caller, Guid caseId, bool includeChallengers = false, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.RiskCurveRead, caseId, async context =>
        {
            var all = await ReadAssessmentsAsync(context, context.RequiredCase, full: false).ConfigureAwait(false);
            var points = all
                .Where(a => includeChallengers || !a.Assessment.IsChallenger)
                .Select(a => new RiskPoint(a.Id, a.Assessment.AssessedAt, a.Assessment.Level, a.Assessment.Score, a.Assessment.PackageId, a.Assessment.PackageVersion, a.Assessment.IsChallenger, a.Assessment.AsOf ?? a.Assessment.AssessedAt))
                // The curve is over the dates the case was assessed as of (a re-assessment of last month's facts
                // belongs to last month), then the order the assessments were made.
                .OrderBy(p => p.AsOf)
                .ThenBy(p => p.AssessedAt)
                .ToArray();
            context.Detail = $"count={points.Length}";
            return new RiskCurve(caseId, points);
        }, cancellationToken);

    private async Task<IReadOnlyList<AssessmentRecord>> ReadAssessmentsAsync(OperationContext context, CaseRow row, bool full)
    {
        var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
        var caseId = row.CaseId;
        var rows = await context.Session.QueryAsync<AssessmentRow>(
            $"SELECT {AssessmentRow.Columns} FROM assessments WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY assessed_at, entered_at, id",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        return rows.Select(r =>
        {
            var id = Guid.Parse(r.Id);
            double? score = r.Score is null
                ? null
                : double.Parse(FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "score"), r.Score), NumberStyles.Float, CultureInfo.InvariantCulture);
            var assessment = new NewAssessment(
                r.PackageId,
                r.PackageVersion,
                r.PackageHash,
                FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "level"), r.Level),
                score,
                r.IsChallenger != 0,
                full ? FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "inputs"), r.Inputs) : "",
                full ? FieldCipher.DecryptString(key, Slot(context, caseId, "assessments", id, "result"), r.Result) : "",
                Time.FromMs(r.AssessedAt),
                r.AsOf is { } asOf ? Time.FromMs(asOf) : null);
            return new AssessmentRecord(id, caseId, assessment, Time.FromMs(r.EnteredAt), r.EnteredBy);
        }).ToArray();
    }

    /// <summary>Records a professional's decision (human oversight). Case manager only; refused when the case changed since <paramref name="expectedVersion"/>.</summary>
    /// <param name="caller">A case manager.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="expectedVersion">The case version the decision was made on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored decision.</returns>
    /// <exception cref="ConcurrencyConflictException">The case changed (for example a new observation arrived) since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CaseStoreNotFoundException">The referenced assessment is not one of the case's.</exception>
    public Task<DecisionRecord> RecordDecisionAsync(Caller caller, Guid caseId, NewDecision decision, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return RunAsync(caller, Operation.DecisionAdd, caseId, async context =>
        {
            new Validator()
                .Text("finalLevel", decision.FinalLevel, MaxShortText)
                .Text("rationale", decision.Rationale, MaxFreeText)
                .Defined("agreement", decision.Agreement)
                .Check(decision.Judgement is null || decision.Judgement.Count <= 32, "judgement: at most 32 fields")
                .Check(decision.Judgement is null || decision.Judgement.All(f => JudgementFieldId().IsMatch(f.Key)), "judgement: field ids are lower-case names (a-z, 0-9, _)")
                .Check(decision.Judgement is null || decision.Judgement.All(f => !string.IsNullOrWhiteSpace(f.Value) && f.Value.Length <= MaxFreeText), "judgement: every field needs a value of at most 65536 characters")
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            CheckVersion(row, expectedVersion);
            EnsureWritable(row);
            if (decision.AssessmentId is { } assessmentId)
            {
                var exists = await context.Session.ScalarAsync<long>(
                    "SELECT COUNT(*) FROM assessments WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                    new { context.TenantId, CaseId = row.Id, Id = assessmentId.ToString("D") }).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new CaseStoreNotFoundException("assessment", assessmentId);
                }
            }

            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var id = Guid.NewGuid();
            await context.Session.ExecuteAsync(
                """
                INSERT INTO decisions (tenant_id, id, case_id, assessment_id, final_level, rationale, agreement, decided_by, decided_at, judgement, needs_confirmation)
                VALUES (@TenantId, @Id, @CaseId, @AssessmentId, @FinalLevel, @Rationale, @Agreement, @DecidedBy, @DecidedAt, @Judgement, @NeedsConfirmation)
                """,
                new
                {
                    context.TenantId,
                    Id = id.ToString("D"),
                    CaseId = row.Id,
                    AssessmentId = decision.AssessmentId?.ToString("D"),
                    FinalLevel = FieldCipher.EncryptString(key, Slot(context, caseId, "decisions", id, "final_level"), decision.FinalLevel),
                    Rationale = FieldCipher.EncryptString(key, Slot(context, caseId, "decisions", id, "rationale"), decision.Rationale),
                    Agreement = decision.Agreement.ToString(),
                    DecidedBy = caller.UserId,
                    DecidedAt = context.Now,
                    Judgement = decision.Judgement is { } judgement
                        ? FieldCipher.EncryptString(key, Slot(context, caseId, "decisions", id, "judgement"), System.Text.Json.JsonSerializer.Serialize(judgement))
                        : null,
                    NeedsConfirmation = NeedsSecondManager(decision) ? 1L : (long?)null,
                }).ConfigureAwait(false);
            await BumpAsync(context, row, expectedVersion).ConfigureAwait(false);
            context.RecordId = id;
            context.Detail = $"agreement={decision.Agreement}";
            return new DecisionRecord(id, caseId, decision, caller.UserId, Time.FromMs(context.Now))
            {
                Status = NeedsSecondManager(decision) ? DecisionStatus.Pending : DecisionStatus.Effective,
            };
        }, cancellationToken);
    }

    /// <summary>Reads a case's decisions, oldest first (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decisions.</returns>
    public Task<IReadOnlyList<DecisionRecord>> GetDecisionsAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<DecisionRecord>>(caller, Operation.DecisionRead, caseId, async context =>
        {
            var result = await ReadDecisionsAsync(context, context.RequiredCase).ConfigureAwait(false);
            context.Detail = $"count={result.Count}";
            return result;
        }, cancellationToken);

    private async Task<IReadOnlyList<DecisionRecord>> ReadDecisionsAsync(OperationContext context, CaseRow row)
    {
        var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
        var caseId = row.CaseId;
        var rows = await context.Session.QueryAsync<DecisionRow>(
            $"SELECT {DecisionRow.Columns} FROM decisions WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY decided_at, id",
            new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
        var reviews = await DecisionReviewsAsync(context, row).ConfigureAwait(false);
        return rows.Select(r =>
        {
            var id = Guid.Parse(r.Id);
            var decision = new NewDecision(
                r.AssessmentId is null ? null : Guid.Parse(r.AssessmentId),
                FieldCipher.DecryptString(key, Slot(context, caseId, "decisions", id, "final_level"), r.FinalLevel),
                FieldCipher.DecryptString(key, Slot(context, caseId, "decisions", id, "rationale"), r.Rationale),
                Enum.Parse<ModelAgreement>(r.Agreement))
            {
                Judgement = r.Judgement is null
                    ? null
                    : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(FieldCipher.DecryptString(key, Slot(context, caseId, "decisions", id, "judgement"), r.Judgement)),
            };
            return WithReview(context, key, new DecisionRecord(id, caseId, decision, r.DecidedBy, Time.FromMs(r.DecidedAt)), r.NeedsConfirmation is not null, reviews);
        }).ToArray();
    }

    /// <summary>Attaches an encrypted document to a case. Bumps the case version.</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="document">The document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored document's metadata.</returns>
    /// <exception cref="CaseStoreValidationException">Name or type missing, or the content is larger than <see cref="CaseStoreOptions.MaxDocumentBytes"/>.</exception>
    public Task<DocumentInfo> AddDocumentAsync(Caller caller, Guid caseId, NewDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return RunAsync(caller, Operation.DocumentAdd, caseId, async context =>
        {
            new Validator()
                .Text("name", document.Name, 512)
                .Text("contentType", document.ContentType, 256)
                .Check(document.Content.Length <= _options.MaxDocumentBytes, $"content: larger than {_options.MaxDocumentBytes} bytes")
                .ThrowIfInvalid();
            var row = context.RequiredCase;
            EnsureWritable(row);
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var id = Guid.NewGuid();
            await context.Session.ExecuteAsync(
                """
                INSERT INTO documents (tenant_id, id, case_id, name, content_type, size, content, uploaded_by, uploaded_at)
                VALUES (@TenantId, @Id, @CaseId, @Name, @ContentType, @Size, @Content, @UploadedBy, @UploadedAt)
                """,
                new
                {
                    context.TenantId,
                    Id = id.ToString("D"),
                    CaseId = row.Id,
                    Name = FieldCipher.EncryptString(key, Slot(context, caseId, "documents", id, "name"), document.Name),
                    ContentType = FieldCipher.EncryptString(key, Slot(context, caseId, "documents", id, "content_type"), document.ContentType),
                    Size = (long)document.Content.Length,
                    Content = FieldCipher.Encrypt(key, Slot(context, caseId, "documents", id, "content"), document.Content.Span),
                    UploadedBy = caller.UserId,
                    UploadedAt = context.Now,
                }).ConfigureAwait(false);
            await BumpAsync(context, row, row.Version).ConfigureAwait(false);
            context.RecordId = id;
            return new DocumentInfo(id, caseId, document.Name, document.ContentType, document.Content.Length, caller.UserId, Time.FromMs(context.Now));
        }, cancellationToken);
    }

    /// <summary>Lists a case's documents without their content (an audited read: names are content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The documents, oldest first.</returns>
    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(Caller caller, Guid caseId, CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<DocumentInfo>>(caller, Operation.DocumentList, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var rows = await context.Session.QueryAsync<DocumentRow>(
                $"SELECT {DocumentRow.InfoColumns} FROM documents WHERE tenant_id = @TenantId AND case_id = @CaseId ORDER BY uploaded_at, id",
                new { context.TenantId, CaseId = row.Id }).ConfigureAwait(false);
            context.Detail = $"count={rows.Count}";
            return rows.Select(r => ToInfo(context, key, caseId, r)).ToArray();
        }, cancellationToken);

    /// <summary>Reads one document with its content (an audited read of content).</summary>
    /// <param name="caller">A case manager, or an expert who is a member of the case.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="documentId">The document.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CaseStoreNotFoundException">No such document in this case.</exception>
    public Task<StoredDocument> GetDocumentAsync(Caller caller, Guid caseId, Guid documentId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, Operation.DocumentRead, caseId, async context =>
        {
            var row = context.RequiredCase;
            var key = await CaseKeyAsync(context, row).ConfigureAwait(false);
            var doc = await context.Session.QuerySingleOrDefaultAsync<DocumentRow>(
                $"SELECT {DocumentRow.InfoColumns}, content AS Content FROM documents WHERE tenant_id = @TenantId AND case_id = @CaseId AND id = @Id",
                new { context.TenantId, CaseId = row.Id, Id = documentId.ToString("D") }).ConfigureAwait(false)
                ?? throw new CaseStoreNotFoundException("document", documentId);
            context.RecordId = documentId;
            var content = FieldCipher.Decrypt(key, Slot(context, caseId, "documents", documentId, "content"), doc.Content);
            return new StoredDocument(ToInfo(context, key, caseId, doc), content);
        }, cancellationToken);

    private static DocumentInfo ToInfo(OperationContext context, byte[] key, Guid caseId, DocumentRow r)
    {
        var id = Guid.Parse(r.Id);
        return new DocumentInfo(
            id,
            caseId,
            FieldCipher.DecryptString(key, Slot(context, caseId, "documents", id, "name"), r.Name),
            FieldCipher.DecryptString(key, Slot(context, caseId, "documents", id, "content_type"), r.ContentType),
            r.Size,
            r.UploadedBy,
            Time.FromMs(r.UploadedAt));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex JudgementFieldId();
}
