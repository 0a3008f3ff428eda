using Microsoft.Extensions.Logging;

namespace Tma.Scoring.Hosting;

/// <summary>The registry's log messages. They name packages, versions, sources and reasons — never case data.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Model package {PackageId} {Version} ({ContentHash}) is in service, from {Source}; signed by {SignedBy}")]
    public static partial void Loaded(ILogger logger, string packageId, string version, string contentHash, string source, string signedBy);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Model package {Source} was refused ({Reason}): {Details}. The versions already in service stay in service")]
    public static partial void Refused(ILogger logger, string source, string reason, string details);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Model package {Source} was accepted WITHOUT a signature because AllowUnsigned (development mode) is set")]
    public static partial void AcceptedUnsigned(ILogger logger, string source);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Model package {PackageId} {Version} from {Source} was withdrawn: its source is gone")]
    public static partial void Withdrawn(ILogger logger, string packageId, string version, string source);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Package feed {Feed} could not be read ({Reason}); the versions already in service stay in service")]
    public static partial void FeedUnavailable(ILogger logger, string feed, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Registry rescan failed ({ExceptionType}); the versions already in service stay in service")]
    public static partial void RescanFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Challenger {PackageId} {Version} could not assess a case ({ExceptionType}); the champion's assessment is unaffected")]
    public static partial void ChallengerFailed(ILogger logger, string packageId, string version, string exceptionType);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Watching {Folder} for package changes failed ({Reason}); the periodic rescan continues")]
    public static partial void WatcherFailed(ILogger logger, string folder, string reason);
}
