using System.Net;
using Tma.Models.Packaging;

namespace Tma.Scoring.Hosting.Tests;

/// <summary>The registry reading an HTTP feed: a folder with index.json served over HTTP (here by an in-memory handler).</summary>
[Collection(RegistryCollection.Name)]
public sealed class FeedTests : IDisposable
{
    private readonly RegistryFixture _fixture = new();
    private readonly FolderHandler _handler;
    private readonly HttpClient _client;

    public FeedTests()
    {
        _handler = new FolderHandler(_fixture.Packages);
        _client = new HttpClient(_handler);
    }

    public void Dispose()
    {
        _client.Dispose();
        _fixture.Dispose();
    }

    private ModelRegistry FeedRegistry()
    {
        var options = _fixture.Options();
        options.PackageDirectory = null;
        options.FeedUri = new Uri("https://models.example/feed");
        return new ModelRegistry(options, _fixture.Logger, _fixture.Time, _client);
    }

    [Fact]
    public async Task Signed_archives_listed_by_the_index_are_served()
    {
        _fixture.Release("1.0.0");
        _fixture.Release("1.1.0");
        PackageFeedIndex.Write(_fixture.Packages);
        await using var registry = FeedRegistry();

        var model = await registry.ResolveAsync(_fixture.Id + "@^1.0");

        Assert.Equal("1.1.0", model.Reference.Version);
        Assert.Equal($"https://models.example/feed/{_fixture.Id}-1.1.0.tmapkg", registry.Models.Single(m => m.Version.ToString() == "1.1.0").Source);
        Assert.Contains("/feed/index.json", _handler.Requests);
    }

    [Fact]
    public async Task Unchanged_archives_are_not_downloaded_again()
    {
        _fixture.Release("1.0.0");
        PackageFeedIndex.Write(_fixture.Packages);
        await using var registry = FeedRegistry();
        await registry.StartAsync();
        var downloads = _handler.Requests.Count(r => r.EndsWith(".tmapkg", StringComparison.Ordinal));

        await registry.RescanAsync();

        Assert.Equal(1, downloads);
        Assert.Equal(downloads, _handler.Requests.Count(r => r.EndsWith(".tmapkg", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tampered_archive_in_the_feed_is_refused_and_the_old_version_stays()
    {
        _fixture.Release("1.0.0");
        PackageFeedIndex.Write(_fixture.Packages);
        await using var registry = FeedRegistry();
        await registry.StartAsync();

        RegistryFixture.Tamper(_fixture.Release("1.1.0"));
        PackageFeedIndex.Write(_fixture.Packages);
        var rescan = await registry.RescanAsync();

        Assert.Equal(RefusalReason.Integrity, Assert.Single(rescan.Refused).Reason);
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
    }

    [Fact]
    public async Task When_the_feed_is_down_the_versions_in_service_stay()
    {
        _fixture.Release("1.0.0");
        PackageFeedIndex.Write(_fixture.Packages);
        await using var registry = FeedRegistry();
        await registry.StartAsync();

        _handler.Down = true;
        var rescan = await registry.RescanAsync();

        Assert.Empty(rescan.Withdrawn);
        Assert.Equal("1.0.0", (await registry.ResolveAsync(_fixture.Id)).Reference.Version);
        Assert.Contains(_fixture.Logger.Entries, e => e.Message.Contains("could not be read (HTTP 503)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_registry_reads_a_feed_served_by_a_real_http_listener_on_loopback()
    {
        _fixture.Release("1.0.0");
        PackageFeedIndex.Write(_fixture.Packages);
        using var server = LoopbackFeed.Start(_fixture.Packages);
        var options = _fixture.Options();
        options.PackageDirectory = null;
        options.FeedUri = server.Uri;
        await using var registry = new ModelRegistry(options, _fixture.Logger, _fixture.Time);

        var model = await registry.ResolveAsync(_fixture.Id + "@^1");

        Assert.Equal("1.0.0", model.Reference.Version);
    }

    /// <summary>Serves the files of a folder under <c>/feed/</c>; 404 for anything else; 503 when down.</summary>
    private sealed class FolderHandler(string folder) : HttpMessageHandler
    {
        private readonly List<string> _requests = [];

        public bool Down { get; set; }

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            lock (_requests)
            {
                _requests.Add(path);
            }

            if (Down)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            }

            var file = Path.Combine(folder, Path.GetFileName(path));
            return Task.FromResult(path.StartsWith("/feed/", StringComparison.Ordinal) && File.Exists(file)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(File.ReadAllBytes(file)) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}

/// <summary>A tiny HTTP server on 127.0.0.1 serving one folder's files (no listing), stopped on dispose.</summary>
internal sealed class LoopbackFeed : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    private LoopbackFeed(HttpListener listener, Uri uri, string folder)
    {
        _listener = listener;
        Uri = uri;
        _loop = Task.Run(() => ServeAsync(folder));
    }

    public Uri Uri { get; }

    public static LoopbackFeed Start(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackFeed(listener, new Uri($"http://127.0.0.1:{port}/"), folder);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }
    }

    private async Task ServeAsync(string folder)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var file = Path.Combine(folder, Path.GetFileName(context.Request.Url!.AbsolutePath));
            if (File.Exists(file))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
