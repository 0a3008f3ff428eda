using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tma.Scoring.Registry;

// Extension methods for IServiceCollection live in its namespace, so that they are found without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TMA scoring engine with Microsoft.Extensions.DependencyInjection.</summary>
public static class TmaScoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ModelRegistry"/> configured by <paramref name="configure"/>. The options are
    /// validated at start-up (<c>ValidateOnStart</c>; every problem reported together in one
    /// <see cref="OptionsValidationException"/>). The registry uses the container's <see cref="TimeProvider"/> and
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
        services.AddOptions<ModelRegistryOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelRegistryOptions>, ModelRegistryOptionsValidator>());
        services.TryAddSingleton(static provider => new ModelRegistry(
            provider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value,
            provider.GetService<ILogger<ModelRegistry>>(),
            provider.GetService<TimeProvider>()));
        return services;
    }
}
