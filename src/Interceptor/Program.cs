using Interceptor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInterceptor();

var app = builder.Build();
app.MapInterceptorEndpoints();
app.Run();

/// <summary>Entry point; public so tests can reach the assembly's composition.</summary>
public partial class Program;
