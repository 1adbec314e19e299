using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Extensions.DependencyInjection.Tests;

/// <summary>A service collection with in-memory configuration and captured logs, as a host would have.</summary>
internal sealed class Harness
{
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    public Harness(Dictionary<string, string?>? settings = null)
    {
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        Services.AddSingleton<IConfiguration>(Configuration);
        Services.AddSingleton<ILoggerFactory>(Logs);
    }

    public IServiceCollection Services { get; } = new ServiceCollection();

    public IConfigurationRoot Configuration { get; }

    public ListLoggerFactory Logs { get; } = new();

    public static Account Acme { get; } = new()
    {
        Id = "acme",
        Arr = 96_000,
        Plan = "Pro",
        Signals = Signals.SignalValues.Of(planFit: 60, velocity: 60, engagement: 60, champion: 95, triggers: 20),
        Metrics = new Dictionary<string, double> { ["nps"] = 100 },
    };

    public ServiceProvider Build() => Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    /// <summary>Changes configuration values and reloads, as a file provider does when appsettings.json changes.</summary>
    public void Reload(params (string Key, string? Value)[] changes)
    {
        foreach (var (key, value) in changes)
        {
            Configuration[key] = value;
        }

        Configuration.Reload();
    }
}
