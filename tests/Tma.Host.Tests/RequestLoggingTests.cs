using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Tma.CaseStore;

namespace Tma.Host.Tests;

/// <summary>The request log names the route template, never the ids in the path or the query.</summary>
public sealed class RequestLoggingTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-log-").FullName;
    private readonly Collector _logs = new();
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var keys = Path.Combine(_directory, "store.keys");
        await File.WriteAllTextAsync(keys, LocalKeyProvider.GenerateEntry("k1") + "\n");
        var token = Path.Combine(_directory, "token.pem");
        await File.WriteAllTextAsync(token, TokenIssuer.NewSigningKeyPem());
        _app = TmaHostApp.Create([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.WebHost.UseSetting("Tma:Store", Path.Combine(_directory, "tma.db"));
            builder.WebHost.UseSetting("Tma:Development", "true"); // local store keys need development mode
            builder.WebHost.UseSetting("Tma:Keys", keys);
            builder.WebHost.UseSetting("Tma:TokenKey", token);
            builder.WebHost.UseSetting("Tma:Models", Repository.Path("models"));
            builder.WebHost.UseSetting("Tma:AllowUnsignedModels", "true");
            builder.Logging.AddProvider(_logs);
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_request_is_logged_by_route_template_status_and_duration_without_its_ids()
    {
        var caseId = Guid.NewGuid();
        using var client = _app!.GetTestClient();

        using var response = await client.GetAsync($"/v1/cases/{caseId}/observations?includeSuperseded=true");

        var line = Assert.Single(_logs.Lines, l => l.Category == RequestLogging.Category && l.Message.Contains("observations", StringComparison.Ordinal));
        Assert.Matches(@"^GET /v1/cases/\{caseId:guid\}/observations answered 401 in \d+\.\d ms$", line.Message);
        Assert.DoesNotContain(_logs.Lines, l => l.Message.Contains(caseId.ToString(), StringComparison.OrdinalIgnoreCase) || l.Message.Contains("includeSuperseded", StringComparison.Ordinal));
    }

    private sealed class Collector : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Sink(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Sink(string category, ConcurrentQueue<(string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((category, formatter(state, exception)));
        }
    }
}
