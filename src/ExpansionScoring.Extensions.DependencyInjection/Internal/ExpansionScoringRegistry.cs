using Microsoft.Extensions.DependencyInjection;

namespace ExpansionScoring.Extensions.DependencyInjection.Internal;

/// <summary>The models registered in one service collection, by name, with their configuration sections.</summary>
internal sealed class ExpansionScoringRegistry
{
    private readonly Dictionary<string, string> sections = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public static string SectionPathFor(string name)
        => name.Length == 0
            ? ExpansionScoringServiceCollectionExtensions.ConfigurationSectionName
            : $"{ExpansionScoringServiceCollectionExtensions.ConfigurationSectionName}:Models:{name}";

    public static ExpansionScoringRegistry GetOrAdd(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (!descriptor.IsKeyedService && descriptor.ServiceType == typeof(ExpansionScoringRegistry) && descriptor.ImplementationInstance is ExpansionScoringRegistry existing)
            {
                return existing;
            }
        }

        var registry = new ExpansionScoringRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    public bool TryAdd(string name, string section)
    {
        lock (gate)
        {
            return sections.TryAdd(name, section);
        }
    }

    public bool TryGetSection(string name, out string section)
    {
        lock (gate)
        {
            return sections.TryGetValue(name, out section!);
        }
    }
}
