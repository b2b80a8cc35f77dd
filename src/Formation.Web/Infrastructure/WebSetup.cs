using System.Globalization;
using System.Threading.RateLimiting;
using Formation.Application.Data;
using Formation.Application.Features.Accounts;
using Formation.Application.Features.Planning;
using Formation.Domain.Playbooks;
using Formation.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Formation.Web.Infrastructure;

/// <summary>The web app's wiring, kept out of Program.cs.</summary>
public static partial class WebSetup
{
    public const string SignInPolicy = "sign-in";
    public const string LanguageCookie = "formation-lang";

    public static WebApplicationBuilder AddFormation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FormationOptions>().BindConfiguration(FormationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(FormationOptions.Section).Get<FormationOptions>() ?? new FormationOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        var target = ResolveDatabase(options, builder.Configuration, dataDirectory);

        services.AddSingleton(target);
        var pdf = new Formation.Application.Reports.PdfOptions();
        builder.Configuration.GetSection(Formation.Application.Reports.PdfOptions.Section).Bind(pdf);
        services.AddSingleton(pdf);
        services.AddSingleton(options.ClockOffsetDays == 0 ? TimeProvider.System : new ShiftedTimeProvider(TimeSpan.FromDays(options.ClockOffsetDays)));
        services.AddSingleton(PlaybookLibrary.Shipped);
        services.AddDbContext<AppDbContext>(o => target.Configure(o));
        services.AddScoped<Accounts>();
        services.AddSingleton<BlueprintCache>();
        services.AddSingleton<IPlanChanges, OutputCachePlanChanges>();
        services.AddSingleton<MetricPageCache>();
        services.AddOutputCache(o =>
        {
            o.AddPolicy(OrganizationPageCachePolicy.Name, b => b.AddPolicy<OrganizationPageCachePolicy>(), excludeDefaultPolicy: true);
            o.AddPolicy(MetricPageCachePolicy.Name, b => b.AddPolicy<OrganizationPageCachePolicy>().AddPolicy<MetricPageCachePolicy>(), excludeDefaultPolicy: true);
        });
        services.AddScoped<Plans>();
        services.AddScoped<Formation.Application.Features.Work.WorkPlans>();
        services.AddScoped<Formation.Application.Features.Work.Tasks>();
        services.AddScoped<Formation.Application.Features.Work.WeeklyReports>();
        services.AddScoped<Formation.Application.Features.Work.FollowUps>();
        services.AddScoped<Formation.Application.Features.Data.MetricQueries>();
        services.AddScoped<Formation.Application.Features.Data.GoalEvaluation>();
        services.AddScoped<Formation.Application.Features.Data.EvaluationReports>();
        services.AddHostedService<FollowUpJob>();
        services.AddScoped<OrganizationPageFilter>();
        services.AddSingleton(new Features.Data.ImportStaging(Path.Combine(dataDirectory, "imports")));
        services.AddSingleton<Features.Data.ImportJobs>();
        services.AddHostedService<Features.Data.StagingSweepJob>();

        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys"))).SetApplicationName("Formation");
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.Cookie.Name = "formation";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.Events.OnRedirectToLogin = c => ApiAware(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAware(c, StatusCodes.Status403Forbidden);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((o, clock) => o.TicketDataFormat = new TicketCache(o.TicketDataFormat, clock));
        services.AddAuthorization(o =>
        {
            o.AddPolicy("api", p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        });

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Setup/Index");
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/Language");
                o.Conventions.AllowAnonymousToPage("/Account/Invite");
                o.Conventions.AllowAnonymousToPage("/Error");
            })
            .AddMvcOptions(o => o.Filters.AddService<OrganizationPageFilter>());
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.AddProblemDetails();

        // Chinese text is written as characters, not as &#x...; entities (HTML-significant characters are still encoded).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddOpenApi();
        services.AddHealthChecks();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SupportedCultures = o.SupportedUICultures = [Ui.English, Ui.Chinese, CultureInfo.GetCultureInfo("zh"), CultureInfo.GetCultureInfo("en")];
            o.SetDefaultCulture(Ui.English.Name);
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = LanguageCookie }, new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxUploadBytes * 2L, 1024 * 1024));
        return builder;
    }

    public static async Task<WebApplication> UseFormationAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var target = app.Services.GetRequiredService<DatabaseTarget>();
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            // The embedded default migrates itself; PostgreSQL is migrated with `formation db migrate`.
            await target.MigrateAsync(app.Services.GetRequiredService<TimeProvider>()).ConfigureAwait(false);
        }

        // PDF fonts are found once at start-up, so a missing CJK font is reported now rather than at the first download.
        try
        {
            Formation.Application.Reports.PdfSetup.Configure(app.Services.GetRequiredService<Formation.Application.Reports.PdfOptions>());
        }
        catch (InvalidOperationException ex)
        {
            PdfUnavailable(app.Logger, ex.Message);
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Pages get the friendly error page; the API gets ProblemDetails for errors with or without a body.
        app.UseWhen(c => !c.IsApi(), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/error", "?code={0}");
        });
        app.UseWhen(c => c.IsApi(), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            });
            api.UseStatusCodePages();
        });
        app.UseStaticFiles();
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseAntiforgery();

        app.MapRazorPages();
        app.MapOpenApi("/api/v1/openapi.json");
        app.MapHealthChecks("/health");
        app.MapFormationApi();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF export is unavailable: {Reason}")]
    private static partial void PdfUnavailable(ILogger logger, string reason);

    private static DatabaseTarget ResolveDatabase(FormationOptions options, IConfiguration configuration, string dataDirectory)
    {
        var provider = DatabaseTarget.ParseProvider(options.Database);
        var connectionString = configuration.GetConnectionString("Formation");
        if (provider == DatabaseProvider.Postgres)
        {
            return new DatabaseTarget(provider, connectionString
                ?? throw new OptionsValidationException(FormationOptions.Section, typeof(FormationOptions), ["Formation:Database is postgres, but ConnectionStrings:Formation is not set."]));
        }

        return string.IsNullOrWhiteSpace(connectionString) ? DatabaseTarget.SqliteIn(dataDirectory) : new DatabaseTarget(provider, connectionString);
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>True when the request wants JSON (the API) rather than a page.</summary>
    public static bool IsApi(this HttpContext context) => (context ?? throw new ArgumentNullException(nameof(context))).Request.Path.StartsWithSegments("/api");

    /// <summary>The exception that ended the request, for the error page to classify.</summary>
    public static Exception? Failure(this HttpContext context) =>
        (context ?? throw new ArgumentNullException(nameof(context))).Features.Get<IExceptionHandlerFeature>()?.Error;
}
