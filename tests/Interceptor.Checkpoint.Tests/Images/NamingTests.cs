using System.Net.Http.Headers;
using Interceptor.Checkpoint.Registry;
using Interceptor.Checkpoint.Transfer;
using Xunit;

namespace Interceptor.Checkpoint.Tests.Images;

/// <summary>Tags, repository names and auth challenges: the pure parsing at the registry's edge.</summary>
public sealed class NamingTests
{
    private static readonly CheckpointDestination Destination = new("shop", "web-0", "0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c", "app", 3);

    [Fact]
    public void The_tag_is_pod_uid_container_and_attempt() =>
        Assert.Equal("0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c.app.3", CheckpointTags.For(Destination));

    [Theory]
    [InlineData("0f5e3c9a-7d2b-4f8e-9a1c-3b5d7e9f1a2c", "a.b")]
    [InlineData("../x", "app")]
    [InlineData("", "app")]
    [InlineData("uid with space", "app")]
    public void Parts_that_would_make_an_ambiguous_or_invalid_tag_are_refused(string uid, string container) =>
        Assert.Throws<ArgumentException>(() => CheckpointTags.For(Destination with { PodUid = uid, Container = container }));

    [Theory]
    [InlineData("interceptor/checkpoints", true)]
    [InlineData("a", true)]
    [InlineData("a__b/c-d.e", true)]
    [InlineData("Upper/case", false)]
    [InlineData("/leading", false)]
    [InlineData("a//b", false)]
    [InlineData("a/../b", false)]
    public void Repository_names_follow_the_distribution_spec(string name, bool valid) =>
        Assert.Equal(valid, RegistryNames.IsRepository(name));

    [Fact]
    public void A_bearer_challenge_keeps_quoted_commas_and_escapes()
    {
        var challenge = AuthChallenge.Parse("Bearer", "realm=\"https://auth.example/token\", service=\"registry\",scope=\"repository:a/b:pull,push\",error=\"say \\\"hi\\\"\"");

        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge.Parameter("realm"));
        Assert.Equal("registry", challenge.Parameter("service"));
        Assert.Equal("repository:a/b:pull,push", challenge.Parameter("scope"));
        Assert.Equal("say \"hi\"", challenge.Parameter("error"));
    }

    [Fact]
    public void Bearer_is_preferred_when_a_registry_offers_both()
    {
        using var response = new HttpResponseMessage();
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"r\""));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://auth/token\""));

        Assert.True(AuthChallenge.Select(response.Headers.WwwAuthenticate)?.IsBearer);
    }
}
