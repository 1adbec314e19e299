using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

internal static partial class Log
{
    public static string Display(string name) => name.Length == 0 ? "(default)" : name;

    [LoggerMessage(EventId = 1, EventName = "ModelReloaded", Level = LogLevel.Information, Message = "Expansion scoring model {ModelName} was rebuilt from changed configuration.")]
    public static partial void ModelReloaded(ILogger logger, string modelName);

    [LoggerMessage(EventId = 2, EventName = "ReloadRejected", Level = LogLevel.Error, Message = "Rejected a configuration change for expansion scoring model {ModelName}; the last good model stays in use. {Problems}")]
    public static partial void ReloadRejected(ILogger logger, string modelName, string problems);

    [LoggerMessage(EventId = 3, EventName = "ReloadFailed", Level = LogLevel.Error, Message = "Rebuilding expansion scoring model {ModelName} failed; the last good model stays in use.")]
    public static partial void ReloadFailed(ILogger logger, string modelName, Exception exception);
}
