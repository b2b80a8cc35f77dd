using Formation.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddFormation();
var app = builder.Build();
await app.UseFormationAsync();
await app.RunAsync();

/// <summary>The web app's entry point; public for WebApplicationFactory.</summary>
public partial class Program;
