using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>
/// Tells the options monitor that a model's options changed, but only once the reloaded configuration has been
/// validated. An invalid reload is logged and not signalled, so the monitor keeps the last good options and the
/// scorer keeps the last good model, and the configuration provider that reloaded never sees an exception.
/// </summary>
internal sealed class ValidatedReloadTokenSource : IOptionsChangeTokenSource<ExpansionScoringOptions>, IDisposable
{
    private readonly IOptionsFactory<ExpansionScoringOptions> factory;
    private readonly ILogger logger;
    private readonly IDisposable? subscription;
    private CancellationTokenSource changed = new();

    public ValidatedReloadTokenSource(string name, IConfiguration? configuration, IOptionsFactory<ExpansionScoringOptions> factory, ILogger logger)
    {
        Name = name;
        this.factory = factory;
        this.logger = logger;
        if (configuration is not null)
        {
            subscription = ChangeToken.OnChange(configuration.GetReloadToken, OnConfigurationReloaded);
        }
    }

    public string Name { get; }

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref changed).Token);

    public void Dispose() => subscription?.Dispose();

    private void OnConfigurationReloaded()
    {
        try
        {
            _ = factory.Create(Name);
        }
        catch (OptionsValidationException ex)
        {
            Log.ReloadRejected(logger, Log.Display(Name), ex.Message);
            return;
        }

        var previous = Interlocked.Exchange(ref changed, new CancellationTokenSource());
        try
        {
            previous.Cancel();
        }
        catch (AggregateException ex)
        {
            Log.ReloadFailed(logger, Log.Display(Name), ex);
        }
    }
}
