using Interceptor.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Interceptor.Tests.Hosting;

/// <summary>The safety net behind the admission edge: a client's broken request that surfaces anywhere else is still its 4xx.</summary>
public sealed class ClientErrorExceptionHandlerTests
{
    public static TheoryData<string, Exception, int?> Exceptions => new()
    {
        { "a body cut short is the client's 400", new BadHttpRequestException("Unexpected end of request content.", 400), 400 },
        { "a body too slow is the client's 408", new BadHttpRequestException("Reading the request body timed out.", 408), 408 },
        { "a reset connection is the client's", new Microsoft.AspNetCore.Connections.ConnectionResetException("reset"), 400 },
        { "any other exception is ours, left to the default 500", new InvalidOperationException("bug"), null },
        { "an I/O failure outside the body read is ours too", new IOException("disk"), null },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public async Task Only_a_client_error_is_answered_with_its_status(string because, Exception exception, int? status)
    {
        using var services = new ServiceCollection().AddOptions().AddProblemDetails().BuildServiceProvider();
        var handler = new ClientErrorExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ClientErrorExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(context, exception, CancellationToken.None);

        Assert.True(handled == status.HasValue, because);
        Assert.Equal(status ?? 200, context.Response.StatusCode);
    }
}
