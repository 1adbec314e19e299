namespace ExpansionScoring.Cli.Reports;

/// <summary>Placeholder; replaced below.</summary>
internal static class PortfolioHtml
{
    public static void Write(TextWriter output, PortfolioReport report, int heatmapLimit) => output.Write(report.Portfolio.Headline + heatmapLimit);
}
