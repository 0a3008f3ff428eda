using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Tma.CaseStore;
using Tma.Scoring.Hosting;

namespace Tma.Host.Tests;

/// <summary>Traces and metrics of the host, through in-memory exporters, and the Prometheus endpoint.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryFixture host) : IClassFixture<TelemetryFixture>
{
    private const string Model = "warning-behaviours-triage";

    [Fact]
    public async Task A_request_span_is_named_by_its_route_template_and_carries_neither_path_nor_query()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        (await manager.GetAsync($"/v1/cases/{id}/observations?includeSuperseded=true")).EnsureSuccessStatusCode();

        var span = await host.Exported.SpanAsync(s => s.DisplayName == "GET /v1/cases/{caseId:guid}/observations");
        Assert.Equal("/v1/cases/{caseId:guid}/observations", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Null(span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.DoesNotContain(span.TagObjects, tag => Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));
        var store = await host.Exported.SpanAsync(s => s.Source.Name == CaseStoreTelemetry.ActivitySourceName && s.ParentSpanId == span.SpanId);
        Assert.Equal("observation.read", store.DisplayName);
        Assert.Equal("allowed", store.GetTagItem(CaseStoreTelemetry.OutcomeTag));
    }

    [Fact]
    public async Task The_first_creation_of_a_tenant_is_traced_like_every_other_store_operation()
    {
        // The fixture's start-up created tenant `acme`; that creation has no chain to lock, so it bypasses RunAsync.
        var created = await host.Exported.SpanAsync(s => s.Source.Name == CaseStoreTelemetry.ActivitySourceName && s.DisplayName == "tenant.create" && Equals(s.GetTagItem(CaseStoreTelemetry.OutcomeTag), "allowed"));

        var request = Assert.Single(host.Exported.Spans.Snapshot(), s => s.SpanId == created.ParentSpanId);
        Assert.Equal("POST /v1/tenant", request.DisplayName);
        Assert.True(created.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task An_assessment_is_traced_through_the_engine_under_its_request()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());

        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = Model + "@^2.0" }, HostFixture.Json));

        var request = await host.Exported.SpanAsync(s => s.DisplayName == "POST /v1/cases/{caseId:guid}/assessments");
        var assess = await host.Exported.SpanAsync(s => s.Source.Name == TmaScoringTelemetry.ActivitySourceName && s.DisplayName == TmaScoringTelemetry.AssessActivity && s.TraceId == request.TraceId);
        Assert.Equal(Model, assess.GetTagItem("tma.model.id"));
        Assert.Contains(host.Exported.Spans.Snapshot(), s => s.TraceId == request.TraceId && s.DisplayName == "assessment.add");
    }

    [Fact]
    public async Task Storing_an_assessment_increments_the_engine_and_host_assessment_metrics()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var manager = host.Client(host.Manager());
        host.FlushMetrics();
        var engine = host.Exported.Sum(TmaScoringTelemetry.AssessmentsCounter, ("tma.model.id", Model), ("tma.outcome", "ok"));
        var stored = host.Exported.Sum(HostMetrics.AssessmentsStoredCounter, ("tma.model.id", Model), ("tma.role", "champion"), ("tma.outcome", "level"));
        var storeOperations = host.Exported.Count(CaseStoreTelemetry.OperationDurationHistogram, (CaseStoreTelemetry.OperationTag, "assessment.add"), (CaseStoreTelemetry.OutcomeTag, "allowed"));
        var audit = host.Exported.Sum(CaseStoreTelemetry.AuditAppendsCounter, (CaseStoreTelemetry.OperationTag, "assessment.add"));

        await HostFixture.Read(await manager.PostAsJsonAsync($"/v1/cases/{id}/assessments", new { model = Model + "@^2.0" }, HostFixture.Json));
        host.FlushMetrics();

        Assert.Equal(engine + 1, host.Exported.Sum(TmaScoringTelemetry.AssessmentsCounter, ("tma.model.id", Model), ("tma.outcome", "ok")));
        Assert.Equal(stored + 1, host.Exported.Sum(HostMetrics.AssessmentsStoredCounter, ("tma.model.id", Model), ("tma.role", "champion"), ("tma.outcome", "level")));
        Assert.Equal(storeOperations + 1, host.Exported.Count(CaseStoreTelemetry.OperationDurationHistogram, (CaseStoreTelemetry.OperationTag, "assessment.add"), (CaseStoreTelemetry.OutcomeTag, "allowed")));
        Assert.Equal(audit + 1, host.Exported.Sum(CaseStoreTelemetry.AuditAppendsCounter, (CaseStoreTelemetry.OperationTag, "assessment.add")));
        Assert.True(host.Exported.Sum(HostMetrics.KeyProviderCallsCounter, ("tma.key.operation", "wrap"), ("tma.outcome", "ok")) > 0, "a new case wraps its data key through the key provider");
    }

    [Fact]
    public async Task A_refused_store_operation_is_traced_and_measured_with_its_outcome()
    {
        var (id, _, _) = await host.FilledCaseAsync();
        using var intruder = host.Client(host.Manager(host.TenantB));
        host.FlushMetrics();
        var before = host.Exported.Count(CaseStoreTelemetry.OperationDurationHistogram, (CaseStoreTelemetry.OperationTag, "case.read"), (CaseStoreTelemetry.OutcomeTag, "not_found"));

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/v1/cases/{id}")).StatusCode);
        host.FlushMetrics();

        Assert.Equal(before + 1, host.Exported.Count(CaseStoreTelemetry.OperationDurationHistogram, (CaseStoreTelemetry.OperationTag, "case.read"), (CaseStoreTelemetry.OutcomeTag, "not_found")));
        await host.Exported.SpanAsync(s => s.DisplayName == "case.read" && Equals(s.GetTagItem(CaseStoreTelemetry.OutcomeTag), "not_found"));
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_the_tma_metrics_as_text_and_stays_out_of_the_openapi_document()
    {
        await host.FilledCaseAsync();
        using var anonymous = host.Client();

        using var response = await anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE tma_assessments_total counter", text, StringComparison.Ordinal);
        Assert.Contains("tma_host_assessments_stored_total{", text, StringComparison.Ordinal);
        Assert.Matches(@"tma_store_operation_duration_seconds_bucket\{[^}]*le=""0\.005""\}", text);
        Assert.Matches(@"tma_assessment_duration_seconds_bucket\{[^}]*le=""0\.001""\}", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/metrics", openApi, StringComparison.Ordinal);
    }
}

/// <summary>Without exporters configured there is no scrape endpoint and no tracer or meter provider: nothing listens.</summary>
public sealed class TelemetryOffByDefaultTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Without_the_setting_metrics_is_not_found()
    {
        using var anonymous = host.Client();

        using var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Without_an_exporter_no_provider_is_built()
    {
        Assert.Null(host.App.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.Null(host.App.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }
}
