using Formation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Formation.Web.Infrastructure.Ui;

namespace Formation.Web.Features;

/// <summary>The one error page: a status and a plain message, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed partial class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed: {Type}: {Message}")]
    private static partial void LogFailure(ILogger logger, string path, string type, string message);

    private PageResult Show(int? code)
    {
        var status = code ?? (HttpContext.Failure() is null ? StatusCodes.Status404NotFound : StatusCodes.Status500InternalServerError);
        if (HttpContext.Failure() is { } failure)
        {
            LogFailure(logger, HttpContext.Request.Path, failure.GetType().Name, failure.Message);
        }

        (Title, Message) = status switch
        {
            400 => (L("请求有误", "Bad request"), L("请求的内容无法处理，请检查后重试。", "The request could not be understood; check it and try again.")),
            403 => (L("无权操作", "Not allowed"), L("你在这个组织中的角色不能执行此操作。", "Your role in this organisation does not allow this.")),
            404 => (L("找不到页面", "Not found"), L("没有这个页面，或你无权查看。", "There is no such page, or it is not yours to see.")),
            413 => (L("文件太大", "Too large"), L("上传的文件超过了大小上限。", "The upload is larger than the limit.")),
            429 => (L("尝试过于频繁", "Too many attempts"), L("请稍等一分钟再试。", "Please wait a minute and try again.")),
            _ => (L("出错了", "Something went wrong"), L("服务器未能完成请求，已记录问题。请稍后重试。", "The server could not complete the request; the problem was logged. Please try again later.")),
        };
        return Page();
    }
}
