"""Shapes of the fortieth round, from fresh sets of real notes: a section a note of one kind names the way notes of
another kind do ("## 测试结果" in a bug-fix write-up is where it says how the fix was checked); a verb asked in its plain
form ("hang") that the note narrates in its own past ("hung"), and a "when did it hang?" that is not answered by a
timeline line of another act."""

from __future__ import annotations

from lorebook.query.analysis import heading_fields

# A bug-fix write-up: a post-mortem's parts, and a "test results" part that post-mortems do not usually have.
GATEWAY_FIX = """# 订单导出接口 504 超时修复

## 问题描述
导出订单时网关间歇返回 504，用户需要多次点击才能拿到文件。

## 根本原因
导出服务同步生成整份报表，大客户的报表超过网关 30 秒的时限。

## 解决方案
1. 导出改为异步任务，接口立即返回任务编号
2. 报表生成完成后通过消息通知用户下载

## 测试结果
1. **功能测试**：导出任务可以正常创建
2. **压力测试**：连续提交五十个大客户导出任务，所有请求都在一秒内返回 202 状态码
3. **监控检查**：网关日志中不再出现 504

## 影响范围
- 所有使用订单导出的客户
"""


def test_a_test_results_section_says_how_a_fix_was_checked(notes_wiki_of):
    from lorebook.query.ask import ask

    a = ask(notes_wiki_of({"export-504-fix.md": GATEWAY_FIX}), "How did we check that the export 504 fix actually worked?")
    assert a.found and a.citations[0]["start_line"] in (14, 15, 16), (a.answer, a.citations)


def test_section_names_of_every_kind_of_note_in_every_language():
    assert "verification" in heading_fields("修复记录 > 测试结果")
    assert "verification" in heading_fields("Проверка")
    assert "prerequisites" in heading_fields("Предварительные требования")
    assert "rollback" in heading_fields("回滚")
    assert "contacts" in heading_fields("연락처")
    assert heading_fields("") == ()


SCHEDULER_NOTE = """# Finance bot scheduler outage

The bot runs 23 scheduled jobs for the finance team.

## Timeline
- 06:43 APScheduler thread started with all jobs registered
- 09:13 APScheduler thread wrote its last clean log entry

## What happened
The APScheduler worker thread hung silently at 11:15 CEST while the process stayed alive.
"""


def test_a_verb_asked_in_its_plain_form_finds_the_note_that_narrates_its_past(notes_wiki_of):
    from lorebook.query.ask import ask, covers

    assert covers("the thread hung silently", "hang") and covers("the deploy broke prod", "break")
    assert not covers("the hungarian team", "hang")  # whole words only
    a = ask(notes_wiki_of({"scheduler.md": SCHEDULER_NOTE}), "When did the finance bot's APScheduler thread hang?")
    assert a.found and "11:15" in a.answer.split("[1]")[0], a.answer
