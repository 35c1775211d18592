using Interceptor.Checkpoint.Kubelet;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Kubelet;

/// <summary>The kubelet's archive names: which container they can be of, and when the name alone cannot tell (issue 9, item 10).</summary>
public sealed class ArchiveFileNameTests
{
    private const string Time = "2026-11-22T10:00:00Z";

    public static TheoryData<string, ContainerRef, ArchiveNameMatch> Names => new()
    {
        { $"checkpoint-web-0_shop-app-{Time}.tar", new("shop", "web-0", "app"), ArchiveNameMatch.Exact },
        { "checkpoint-web-0_shop-app-2026-11-22T10:00:00+01:00.tar", new("shop", "web-0", "app"), ArchiveNameMatch.Exact },
        { "checkpoint-web-0_shop-app-2026-11-22T10:00:00.123456789Z.tar", new("shop", "web-0", "app"), ArchiveNameMatch.Exact },
        { $"checkpoint-web-0_shop-app-sidecar-{Time}.tar", new("shop", "web-0", "app"), ArchiveNameMatch.None },
        // Namespace "shop-app" with container "sidecar" would have the same name.
        { $"checkpoint-web-0_shop-app-sidecar-{Time}.tar", new("shop", "web-0", "app-sidecar"), ArchiveNameMatch.Ambiguous },
        { $"checkpoint-web-01_shop-app-{Time}.tar", new("shop", "web-0", "app"), ArchiveNameMatch.None },
        // The pair: both containers give this very name.
        { $"checkpoint-web_prod-x-app-{Time}.tar", new("prod", "web", "x-app"), ArchiveNameMatch.Ambiguous },
        { $"checkpoint-web_prod-x-app-{Time}.tar", new("prod-x", "web", "app"), ArchiveNameMatch.Ambiguous },
        { $"checkpoint-web_prod-x-app-{Time}.tar", new("prod", "web", "x"), ArchiveNameMatch.None },
        { "checkpoint-web_prod-app-2026-13-45T10:00:00Z.tar", new("prod", "web", "app"), ArchiveNameMatch.None },
        { "checkpoint-web_prod-app-2026-11-22t10:00:00Z.tar", new("prod", "web", "app"), ArchiveNameMatch.None },
        { "checkpoint-web_prod-app-.tar", new("prod", "web", "app"), ArchiveNameMatch.None },
        { $"checkpoint-web_prod-app-{Time}.tar.part", new("prod", "web", "app"), ArchiveNameMatch.None },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_matches_exactly_ambiguously_or_not_at_all(string fileName, ContainerRef container, ArchiveNameMatch expected) =>
        Assert.Equal(expected, ArchiveFileName.Match(fileName, container));
}
