using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tma.Cli.Tests;

/// <summary>
/// With the JSON console formatter, everything `tma serve` writes on stdout is one JSON object per line, start-up,
/// development-mode warnings, requests and shutdown included: a log shipper never meets a plain line.
/// </summary>
public sealed partial class ServeJsonLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tma-serve-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_line_tma_serve_writes_on_stdout_is_a_json_object()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "tma.dll"), "serve", "--development", "--allow-unsigned", "--store", Path.Combine(_directory, "tma.db"), "--models", Repository.Path("models"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Logging__Console__FormatterName"] = "json";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment.Remove("TMA_CASESTORE_KEYS");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start tma serve");
        var lines = new List<string>();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = process.StandardError.ReadToEndAsync();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                if (ListeningOn().Match(line) is { Success: true } match)
                {
                    listening.TrySetResult(match.Groups["url"].Value);
                }
            }

            listening.TrySetException(new InvalidOperationException("tma serve ended before it listened"));
        });

        try
        {
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            (await client.GetAsync("/health")).EnsureSuccessStatusCode();
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync($"/v1/cases/{Guid.NewGuid()}")).StatusCode);
        }
        finally
        {
            Stop(process);
            await reader.WaitAsync(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(lines.Count >= 4, $"expected start-up, request and shutdown lines; stdout:\n{string.Join('\n', lines)}\nstderr:\n{await stderr}");
        foreach (var line in lines)
        {
            using var document = ParseOrFail(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        Assert.Contains(lines, l => l.Contains("\"Category\":\"Tma.Host.Requests\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DEVELOPMENT mode", StringComparison.Ordinal));
    }

    private static JsonDocument ParseOrFail(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"not a JSON line ({ex.Message}): {line}");
        }
    }

    /// <summary>A graceful stop (SIGTERM) where there is one, so that the shutdown lines are checked too.</summary>
    private static void Stop(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
