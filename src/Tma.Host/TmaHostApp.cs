using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.IdentityModel.Tokens;
using Tma.CaseStore;
using Tma.Scoring.Classifiers;
using Tma.Scoring.Hosting;

namespace Tma.Host;

/// <summary>
/// Builds the host: one process, stateless apart from the store, so several can run behind a load balancer on one
/// PostgreSQL. Settings come from configuration section <c>Tma</c> (command line <c>--Tma:Store=…</c>, environment
/// <c>Tma__Store</c>, or <c>tma serve</c>'s options).
/// </summary>
public static class TmaHostApp
{
    /// <summary>Builds the application from command-line arguments and the environment.</summary>
    /// <exception cref="HostSettingsException">The settings have problems; the exception lists all of them.</exception>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application is this library, whichever program hosts it (`tma serve`, a test server): the OpenAPI
        // document's title and tags name it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(TmaHostApp).Assembly.GetName().Name });
        configure?.Invoke(builder);

        // Settings are read from the final configuration (after test hosts and the command line have added theirs),
        // so everything that needs them is configured lazily through the container.
        // ASP.NET Core's own per-request logs repeat paths with case ids; ours (RequestLogging) carry the route
        // template only. Configuration (Logging:LogLevel:Microsoft.AspNetCore) can still turn them on.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        // Where to listen follows ASP.NET Core (Urls, ASPNETCORE_URLS, Kestrel:Endpoints); loopback when nothing says.
        if (builder.Configuration["urls"] is null && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var telemetry = HostTelemetry.Add(builder);

        builder.Services.AddSingleton<DevelopmentKeys>();
        builder.Services.AddSingleton(services => services.GetRequiredService<DevelopmentKeys>().Complete(
            ReadSettings(services.GetRequiredService<IConfiguration>()),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Tma.Host")));
        builder.Services.AddOptions<KestrelServerOptions>().Configure<HostSettings>((kestrel, settings) => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBytes);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IKeyProvider>(services => new InstrumentedKeyProvider(
            KeyProviders.Create(services.GetRequiredService<HostSettings>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Tma.Host"), services.GetService<ApplicationKeyProvider>()),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(services => OpenStore(services.GetRequiredService<HostSettings>(), services.GetRequiredService<IKeyProvider>(), services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [HealthResponses.ReadyTag])
            .AddCheck<KeyProviderHealthCheck>("keys", tags: [HealthResponses.ReadyTag])
            .AddCheck<ModelsHealthCheck>("models", tags: [HealthResponses.ReadyTag]);
        builder.Services.AddSingleton(services => StartRegistry(services.GetRequiredService<HostSettings>(), services));
        builder.Services.AddSingleton<IModelCatalog>(services => new RegistryModelCatalog(services.GetRequiredService<ModelRegistry>()));
        builder.Services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi("v1");
        AddAuthentication(builder.Services, builder.Configuration);
        AddRateLimiting(builder.Services);
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<HostSettings>((cors, settings) =>
        {
            // Closed by default: without configured origins no cross-origin request is allowed.
            if (settings.CorsOrigins.Count > 0)
            {
                cors.AddDefaultPolicy(policy => policy.WithOrigins([.. settings.CorsOrigins]).AllowAnyHeader().AllowAnyMethod());
            }
        });

        var app = builder.Build();
        IReadOnlyList<string> problems = [.. app.Services.GetRequiredService<HostSettings>().Problems(), .. telemetry.Problems];
        if (problems.Count > 0)
        {
            // Nothing has used the new development keys yet, so the failed start leaves nothing behind. (Once the store
            // has opened, its data may already be wrapped with them: they are then never removed.)
            app.Services.GetRequiredService<DevelopmentKeys>().RemoveCreated();
            throw new HostSettingsException(problems);
        }

        try
        {
            // Opens the HSM (module, token, PIN, key) or reads the key file: a wrong one is a settings problem too.
            _ = app.Services.GetRequiredService<IKeyProvider>();
        }
        catch (HostSettingsException)
        {
            app.Services.GetRequiredService<DevelopmentKeys>().RemoveCreated();
            throw;
        }

        HostTelemetry.UsePrometheus(app, telemetry);
        app.UseRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodePage);
        app.UseSecurityHeaders();
        app.UseWebUi();
        app.UseRequestSizeLimit(app.Services.GetRequiredService<HostSettings>().MaxRequestBytes);
        app.UseCors();
        app.UseAuthentication();
        app.UseCsrfCheck();
        app.UseRateLimiter();
        app.UseAuthorization();

        HealthResponses.Map(app);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        var api = app.MapGroup("/v1").RequireAuthorization().RequireRateLimiting(RateLimitPolicy);
        CaseEndpoints.Map(api);
        ContentEndpoints.Map(api);
        AssessmentEndpoints.Map(api);
        TaskEndpoints.Map(api);
        NoteEndpoints.Map(api);
        AdminEndpoints.Map(api);
        ProcessEndpoints.Map(api);
        FormEndpoints.Map(api);
        ReportEndpoints.Map(api);
        PriorityEndpoints.Map(api);
        WebUi.Map(app);
        WebSignIn.Map(app, api, app.Services.GetRequiredService<HostSettings>());

        // Fail at start-up, not on the first request, when the store or the models cannot be used.
        _ = app.Services.GetRequiredService<Store>();
        _ = app.Services.GetRequiredService<IModelCatalog>();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            app.Services.GetRequiredService<ModelRegistry>().Dispose();
            app.Services.GetRequiredService<Store>().DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        return app;
    }

    /// <summary>The JSON conventions of the API: camelCase, enums as snake_case strings, unknown fields refused.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    internal const string RateLimitPolicy = "per-caller";

    /// <summary>Where the host listens when configuration names no URL: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static HostSettings ReadSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection("Tma");
        return new HostSettings
        {
            StorePath = section["Store"] ?? "tma.db",
            Postgres = section["Postgres"],
            KeyProvider = (section["KeyProvider"] ?? KeyProviders.Local).Trim().ToLowerInvariant(),
            KeysFile = section["Keys"],
            Pkcs11 = ReadPkcs11(section.GetSection("Pkcs11"), "Tma:Pkcs11", allowCreate: true),
            PreviousKeyProvider = section["PreviousKeyProvider"] is { Length: > 0 } previous ? previous.Trim().ToLowerInvariant() : null,
            PreviousKeysFile = section["PreviousKeys"],
            PreviousPkcs11 = ReadPkcs11(section.GetSection("PreviousPkcs11"), "Tma:PreviousPkcs11", allowCreate: false),
            ModelsDirectory = section["Models"] ?? "models",
            ModelRescanSeconds = int.TryParse(section["ModelRescanSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rescan) ? rescan : 60,
            TrustedKeyFiles = (section["TrustedKeys"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AllowUnsignedModels = string.Equals(section["AllowUnsignedModels"], "true", StringComparison.OrdinalIgnoreCase),
            Development = string.Equals(section["Development"], "true", StringComparison.OrdinalIgnoreCase),
            Challengers = ParseChallengers(section["Challengers"]),
            RequestsPerMinute = int.TryParse(section["RequestsPerMinute"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rpm) ? rpm : 600,
            MaxRequestBytes = long.TryParse(section["MaxRequestBytes"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : 10 * 1024 * 1024,
            CorsOrigins = (section["CorsOrigins"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            DataProtectionKeys = section["DataProtectionKeys"],
            Oidc = new OidcSettings
            {
                Authority = NonEmpty(section["Oidc:Authority"]),
                ClientId = NonEmpty(section["Oidc:ClientId"]),
                ClientSecret = NonEmpty(section["Oidc:ClientSecret"]),
                ClientSecretFile = NonEmpty(section["Oidc:ClientSecretFile"]),
                Scopes = NonEmpty(section["Oidc:Scopes"]) ?? "openid profile",
            },
            Tokens = new TokenSettings
            {
                Authority = section["Authority"],
                SigningKeyFile = section["TokenKey"],
                Issuer = section["Issuer"],
                Audience = section["Audience"] ?? TokenIssuer.DefaultAudience,
            },
            Claims = ReadClaims(section.GetSection("Claims")),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Pkcs11Settings ReadPkcs11(IConfigurationSection pkcs11, string name, bool allowCreate) => new()
    {
        Section = name,
        Module = pkcs11["Module"],
        TokenLabel = pkcs11["TokenLabel"],
        Slot = pkcs11["Slot"],
        Pin = pkcs11["Pin"],
        PinFile = pkcs11["PinFile"],
        KeyLabel = pkcs11["KeyLabel"],
        CreateKey = allowCreate && string.Equals(pkcs11["CreateKey"], "true", StringComparison.OrdinalIgnoreCase),
    };

    private static ClaimMapping ReadClaims(IConfigurationSection claims)
    {
        var defaults = new ClaimMapping();
        var values = new Dictionary<string, CallerRole>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var entry in claims.GetSection("Roles").GetChildren())
        {
            // Tma:Claims:Roles:<tma role> = <provider value>[,<provider value>…]; an unknown TMA role is kept so that
            // validation names it.
            if (!TokenIssuer.TryParseRole(entry.Key, out var role))
            {
                unknown.Add(entry.Key);
                continue;
            }

            foreach (var value in (entry.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                values[value] = role;
            }
        }

        return new ClaimMapping
        {
            User = claims["User"] ?? defaults.User,
            Tenant = claims["Tenant"] ?? defaults.Tenant,
            Role = claims["Role"] ?? defaults.Role,
            RoleValues = values,
            UnknownRoles = unknown,
        };
    }

    // "id=ref,id=ref"; a malformed entry is kept with an empty side so that validation names it.
    private static Dictionary<string, string> ParseChallengers(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(parts => parts[0], parts => parts.Length == 2 ? parts[1] : "", StringComparer.Ordinal);

    private static ModelRegistry StartRegistry(HostSettings settings, IServiceProvider services)
    {
        var options = new ModelRegistryOptions
        {
            PackageDirectory = Path.GetFullPath(settings.ModelsDirectory),
            AllowUnsigned = settings.AllowUnsignedModels,
            RescanInterval = TimeSpan.FromSeconds(settings.ModelRescanSeconds),
        };
        foreach (var key in settings.TrustedKeyFiles)
        {
            options.TrustedPublicKeyFiles.Add(key);
        }

        // The host serves every shipped kind: rules and composites are built in, classifiers come from their package.
        options.Kinds.Add(ClassifierKind.Instance);

        var registry = new ModelRegistry(options, services.GetRequiredService<ILogger<ModelRegistry>>(), services.GetRequiredService<TimeProvider>());
        registry.StartAsync().GetAwaiter().GetResult();
        return registry;
    }

    private static Tma.CaseStore.CaseStore OpenStore(HostSettings settings, IKeyProvider keys, TimeProvider time)
    {
        var options = settings.Postgres is not null
            ? CaseStoreOptions.ForPostgreSql(settings.Postgres, keys)
            : CaseStoreOptions.ForSqlite(settings.StorePath, keys);
        return Tma.CaseStore.CaseStore.OpenAsync(options with { TimeProvider = time }).GetAwaiter().GetResult();
    }

    private static void AddAuthentication(IServiceCollection services, IConfiguration configuration)
    {
        // A bearer token (Authorization header) or the web UI's session cookie (WebSignIn).
        var authentication = services.AddAuthentication(WebSignIn.Scheme).AddJwtBearer();
        // The OpenID Connect handler answers its callback on every request once registered: only when configured.
        WebSignIn.Add(authentication, oidc: !string.IsNullOrWhiteSpace(configuration["Tma:Oidc:Authority"]));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<HostSettings>((jwt, settings) =>
        {
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = true;
            jwt.Authority = settings.Tokens.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                // Null with an authority: the handler then validates against the issuer of the authority's discovery document.
                ValidIssuer = settings.Tokens.EffectiveIssuer,
                ValidAudience = settings.Tokens.Audience,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = settings.Claims.User,
                RoleClaimType = settings.Claims.Role,
                IssuerSigningKey = settings.Tokens.SigningKeyFile is { } file ? TokenIssuer.LoadKey(File.ReadAllText(file)) : null,
            };
            jwt.Events = new JwtBearerEvents
            {
                // The development sign-in of the web UI validates its token with this very handler.
                OnMessageReceived = WebSignIn.ReadDevelopmentToken,
                // Every 401 is a problem document with a stable code, and says nothing about why a token failed.
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Problems.Of(StatusCodes.Status401Unauthorized, "unauthorized", WebSignIn.UnauthorizedDetail).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
                },
            };
        });
        services.AddAuthorization();
    }

    private static void AddRateLimiting(IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.AddPolicy(RateLimitPolicy, http =>
        {
            var settings = http.RequestServices.GetRequiredService<HostSettings>();
            var key = CallerClaims.From(http) is { } caller
                ? $"{caller.TenantId}/{caller.UserId}"
                : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        limiter.OnRejected = async (context, ct) =>
        {
            HostMetrics.RateLimited(authenticated: CallerClaims.From(context.HttpContext) is not null);
            context.HttpContext.Response.Headers.RetryAfter = "60";
            await Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests; try again in a minute.").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    });

    private static async Task StatusCodePage(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var (code, detail) = status switch
        {
            400 => ("bad-request", "The request could not be read: check the JSON, its field names and types."),
            401 => ("unauthorized", "A valid bearer token is required."),
            403 => ("forbidden", "The caller may not do this."),
            404 => ("not-found", "No such resource."),
            405 => ("method-not-allowed", "This resource does not support that method."),
            413 => ("payload-too-large", "The request body is larger than the host accepts."),
            415 => ("unsupported-media-type", "Send JSON with Content-Type: application/json."),
            _ => ("error", "The request failed."),
        };
        await Problems.Of(status, code, detail).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }
}

/// <summary>The host's settings are unusable; lists every problem.</summary>
public sealed class HostSettingsException(IReadOnlyList<string> problems)
    : Exception("The host cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Turns exceptions into problem details: expected ones with their stable code, bugs as a logged 500 without details.</summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            IncompleteTokenException e => Problems.Of(StatusCodes.Status403Forbidden, "incomplete-token", e.Message),
            Microsoft.AspNetCore.Http.BadHttpRequestException e => Problems.Of(e.StatusCode, e.StatusCode == 413 ? "payload-too-large" : "bad-request", e.StatusCode == 413 ? "The request body is larger than the host accepts." : "The request could not be read: check the JSON, its field names and types."),
            JsonException => Problems.Of(StatusCodes.Status400BadRequest, "bad-request", "The request body is not valid JSON for this endpoint."),
            _ => Problems.From(exception),
        };
        if (result.StatusCode == StatusCodes.Status500InternalServerError)
        {
            // Type only: messages and stack traces may carry case data.
            logger.LogError("Unhandled {ExceptionType} on {Method} {Endpoint}", exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName);
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
