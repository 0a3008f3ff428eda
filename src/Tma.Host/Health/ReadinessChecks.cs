using System.Security.Cryptography;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tma.CaseStore;

namespace Tma.Host;

/// <summary>The store answers and its schema is current.</summary>
internal sealed class StoreHealthCheck(Store store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await store.IsReadyAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("the store answers and its schema is current")
            : HealthCheckResult.Unhealthy("the store does not answer, or its schema is not the current one");
}

/// <summary>The key provider wraps and unwraps a throw-away data key (an HSM or KMS that is down fails here, not on a case).</summary>
internal sealed class KeyProviderHealthCheck(IKeyProvider keys) : IHealthCheck
{
    private static readonly byte[] Context = "tma-health-check"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = await keys.WrapAsync(probe, Context, cancellationToken).ConfigureAwait(false);
            var back = await keys.UnwrapAsync(wrapped, Context, cancellationToken).ConfigureAwait(false);
            return CryptographicOperations.FixedTimeEquals(probe, back)
                ? HealthCheckResult.Healthy($"key {keys.CurrentKeyId} wraps and unwraps")
                : HealthCheckResult.Unhealthy("the key provider returned another key than it wrapped");
        }
        catch (CryptographicException)
        {
            return HealthCheckResult.Unhealthy($"key {keys.CurrentKeyId} cannot wrap and unwrap a data key");
        }
    }
}

/// <summary>At least one model package is in service.</summary>
internal sealed class ModelsHealthCheck(IModelCatalog models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(models.Packages.Count > 0
            ? HealthCheckResult.Healthy($"{models.Packages.Count} package version(s) in service", new Dictionary<string, object> { ["count"] = models.Packages.Count })
            : HealthCheckResult.Unhealthy("no model package is in service", data: new Dictionary<string, object> { ["count"] = 0 }));
}
