using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Tma.Scoring.Hosting;

// Extension methods for IServiceCollection live in its namespace, so that they are found without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TMA scoring engine with Microsoft.Extensions.DependencyInjection.</summary>
public static class TmaScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ModelRegistry"/> configured by <paramref name="configure"/>. The options are
    /// configured and validated here, when the application composes its services, so a bad setting stops the start
    /// before anything is served (every problem reported together in one <see cref="RegistryOptionsException"/>; bind
    /// configuration inside <paramref name="configure"/>, e.g. <c>o =&gt; section.Bind(o)</c>). The registry uses the container's <see cref="TimeProvider"/> and
    /// <see cref="ILogger{TCategoryName}"/> when registered (the system clock and no logging otherwise). Call
    /// <see cref="ModelRegistry.StartAsync"/> at start-up to load the packages before the first request.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the registry options.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddTmaScoring(this IServiceCollection services, Action<ModelRegistryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        // Microsoft.Extensions.Options is deliberately not used: it would be one more package in every host that
        // embeds the engine, for what one eager check does here.
        var options = new ModelRegistryOptions();
        configure(options);
        var problems = ModelRegistryOptionsValidator.Validate(options);
        if (problems.Count > 0)
        {
            throw new RegistryOptionsException(problems);
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton(static provider => new ModelRegistry(
            provider.GetRequiredService<ModelRegistryOptions>(),
            provider.GetService<ILogger<ModelRegistry>>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}
