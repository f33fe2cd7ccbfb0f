"""News pages written like real ones, with the article's gold text: for the page reader's tests,
the feed watcher's local server, and the extraction benchmark.

Each story is set in four layouts seen on news sites: a modern one (`<article>`, JSON-LD, cookie
banner, inline "read more" boxes, a "most read" rail, comments), an old table layout with no
semantic tags, a blog layout (share bar, tags, related posts with excerpts, threaded
comments), and a live-page layout (`<main>`, newsletter sign-up, trending list). Around every
article stand the things a reader should not take for it.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    slug: str
    headline: str
    byline: str
    published: str
    paragraphs: tuple[str, ...]

    @property
    def gold(self) -> str:
        return "\n\n".join(self.paragraphs)


STORIES = (
    Story(
        "tripoli-clashes",
        "Army and gunmen clash in Tripoli for a second day",
        "Jane Doe",
        "2024-03-05",
        (
            "Fighting broke out again in the northern Lebanese city of Tripoli on Tuesday "
            "between the army and gunmen holed up in the Bab al-Tabbaneh district, security "
            "officials said, leaving at least five people dead and more than 30 wounded.",
            "The clashes began before dawn near the vegetable market and spread into the "
            "narrow streets around it by the afternoon, residents told reporters by "
            "telephone. Schools and shops stayed closed.",
            "A military spokesman said troops had arrested 12 suspects and seized rifles, "
            "grenades and ammunition in raids on three buildings. He said two soldiers were "
            "among the wounded.",
            "Prime Minister Najib Mikati called for calm and said the state would not allow "
            "armed groups to hold the city hostage. The army has sent reinforcements from "
            "Beirut.",
        ),
    ),
    Story(
        "port-strike",
        "Dock workers walk out at Rotterdam over pay",
        "Pieter van Dijk; Sara Jansen",
        "2024-04-11",
        (
            "Thousands of dock workers at the port of Rotterdam walked off the job on "
            "Thursday after talks between the FNV union and terminal operators broke down "
            "over pay and automation, halting container traffic at Europe's largest port.",
            "The union said members would strike for 48 hours and warned of longer stoppages "
            "if employers did not improve their offer of a 4 percent raise. Operators said "
            "the demands would make the terminals uncompetitive.",
            "Ships queued in the North Sea as the walkout began, and shipping companies "
            "began diverting cargo to Antwerp and Hamburg. Economists said a long strike "
            "could disrupt supply chains across the continent.",
        ),
    ),
    Story(
        "flood-relief",
        "Floods force 20,000 from their homes in Assam",
        "Ravi Kumar",
        "2024-06-20",
        (
            "Floodwaters rose across the Indian state of Assam on Wednesday after days of "
            "heavy monsoon rain, forcing more than 20,000 people from their homes and "
            "cutting road links to dozens of villages, officials said.",
            "The Brahmaputra river was flowing above the danger mark in six districts, the "
            "state disaster management authority said. Soldiers and rescue teams used boats "
            "to move families to relief camps set up in schools.",
            "At least nine people have died in floods and landslides since Saturday. Chief "
            "Minister Himanta Biswa Sarma said the government would pay compensation to the "
            "families of the dead and to farmers who lost their crops.",
            "Forecasters expect more rain in the region until the end of the week.",
        ),
    ),
    Story(
        "cyber-arrests",
        "Police arrest five over ransomware attacks on hospitals",
        "Maria Garcia",
        "2024-02-14",
        (
            "Spanish police have arrested five people suspected of running a ransomware "
            "gang that attacked hospitals and town halls across Europe, the Interior "
            "Ministry said on Wednesday.",
            "The suspects were detained in raids in Madrid, Valencia and Malaga carried out "
            "with help from Europol. Officers seized computers, cryptocurrency wallets and "
            "about 200,000 euros in cash.",
            "Investigators say the group encrypted the systems of at least 40 organisations "
            "and demanded payment in bitcoin to unlock them. One attack forced a hospital in "
            "Barcelona to postpone operations for a week.",
        ),
    ),
    Story(
        "election-result",
        "Opposition wins parliamentary vote in Ruritania",
        "Tom Baker",
        "2024-05-27",
        (
            "The opposition Democratic Alliance won a clear majority in Sunday's "
            "parliamentary election in Ruritania, according to official results released "
            "on Monday, ending twelve years of rule by the governing party.",
            "The alliance took 87 of the 150 seats, the electoral commission said. Turnout "
            "was 64 percent, the highest in two decades. International observers said the "
            "vote was largely free and fair despite isolated incidents.",
            "Alliance leader Elena Novak told cheering supporters in the capital Strelsau "
            "that her government would fight corruption and seek closer ties with the "
            "European Union. The outgoing prime minister conceded defeat.",
        ),
    ),
    Story(
        "mine-accident",
        "Rescuers search for 14 miners trapped after collapse",
        "Chen Wei",
        "2024-01-09",
        (
            "Rescuers were searching on Tuesday for 14 miners trapped underground after part "
            "of a coal mine collapsed in the northern Chinese province of Shanxi, state "
            "media reported.",
            "The collapse happened late on Monday while 40 workers were below ground. "
            "Twenty-six managed to escape, and two of them were taken to hospital with "
            "injuries, the provincial emergency department said.",
            "Police detained the mine's owner and two managers. Authorities ordered safety "
            "inspections at all mines in the area, the latest in a series of deadly "
            "accidents that have prompted a national campaign on mine safety.",
        ),
    ),
)

SITE = "The Daily Example"

NAV = (
    '<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a>'
    '</li><li><a href="/business">Business</a></li><li><a href="/politics">Politics</a></li>'
    '<li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>'
    '<li><a href="/opinion">Opinion</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>'
)
COOKIES = (
    '<div class="cookie-banner" id="cookie-consent" role="dialog"><p>We use cookies and '
    "similar technologies to personalise content and advertising, to provide social media "
    "features and to analyse our traffic. We also share information about your use of our "
    "site with our social media, advertising and analytics partners, who may combine it with "
    "other information that you have provided to them.</p><button>Accept all</button>"
    "<button>Manage preferences</button></div>"
)
RELATED = (
    ("Government announces new budget measures to tackle the rising cost of living", "/a/1"),
    ("Opinion: why the central bank should not raise interest rates again this year", "/a/2"),
    ("Heatwave warning issued as temperatures are expected to climb above 40 degrees", "/a/3"),
    ("Football club sacks manager after a run of seven defeats in the league", "/a/4"),
)
COMMENTS = (
    (
        "concerned_reader",
        "This is really worrying news. I have family living nearby and they say the "
        "situation has been getting worse for weeks while the authorities did nothing about it.",
    ),
    (
        "pjm1974",
        "Typical of the media to only report this now. Where were the reporters when people "
        "were warning about exactly this happening last year? Nobody listened then either.",
    ),
    (
        "Anna K.",
        "My thoughts are with everyone affected. Does anyone know whether the roads to the "
        "airport are open again? We are supposed to travel there next Thursday.",
    ),
)
FOOTER = (
    '<footer class="site-footer"><div><a href="/about">About us</a> <a href="/contact">'
    'Contact</a> <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> '
    '<a href="/cookies">Cookie settings</a></div><p>&copy; 2024 The Daily Example Ltd. All '
    "rights reserved. Registered in England and Wales. No reproduction without permission."
    "</p></footer>"
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _authors(story: Story) -> str:
    return " and ".join(name.strip() for name in story.byline.split(";"))


def _related_list(tag: str = "ul") -> str:
    items = "".join(f'<li><a href="{href}">{_e(title)}</a></li>' for title, href in RELATED)
    return f"<{tag}>{items}</{tag}>"


def _head(story: Story, url: str, *, json_ld: bool = True) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.headline,
        "datePublished": f"{story.published}T08:30:00Z",
        "author": [{"@type": "Person", "name": n.strip()} for n in story.byline.split(";")],
        "publisher": {"@type": "Organization", "name": SITE},
    }
    ld = f'<script type="application/ld+json">{json.dumps(data)}</script>' if json_ld else ""
    return (
        f'<head><meta charset="utf-8"><title>{_e(story.headline)} | {SITE}</title>'
        f'<link rel="canonical" href="{_e(url)}">'
        f'<meta property="og:site_name" content="{SITE}">'
        f'<meta property="og:title" content="{_e(story.headline)}">'
        f'<meta name="author" content="{_e(_authors(story))}">'
        f'<meta property="article:published_time" content="{story.published}T08:30:00Z">'
        f"<style>.cookie-banner{{position:fixed}}</style>{ld}"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "</script></head>"
    )


def modern(story: Story, url: str) -> str:
    body = []
    for number, paragraph in enumerate(story.paragraphs):
        body.append(f"<p>{_e(paragraph)}</p>")
        if number == 1:
            title, href = RELATED[0]
            body.append(
                f'<aside class="read-more"><strong>Read more:</strong> <a href="{href}">'
                f"{_e(title)}</a></aside>"
            )
        if number == 2:
            body.append('<div class="ad-slot" data-ad="mpu">Advertisement</div>')
    comments = "".join(
        f'<li class="comment"><span class="author">{_e(who)}</span><p>{_e(said)}</p></li>'
        for who, said in COMMENTS
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB">{_head(story, url)}<body>{COOKIES}'
        f'<header class="masthead"><a class="logo" href="/">{SITE}</a>{NAV}'
        '<form class="search"><input name="q" placeholder="Search"></form></header>'
        f'<main><article class="story"><h1>{_e(story.headline)}</h1>'
        f'<div class="byline">By <a href="/authors/x">{_e(_authors(story))}</a></div>'
        f'<time datetime="{story.published}">{story.published}</time>'
        f'<div class="story-body">{"".join(body)}</div>'
        '<div class="share">Share this article: Facebook Twitter Email</div></article>'
        f'<aside class="most-read"><h2>Most read</h2>{_related_list("ol")}</aside>'
        f'<section id="comments" class="comments"><h2>Comments ({len(COMMENTS)})</h2>'
        f"<ol>{comments}</ol></section></main>{FOOTER}</body></html>"
    )


def table_layout(story: Story, url: str) -> str:
    paragraphs = "<br><br>".join(_e(p) for p in story.paragraphs)
    left = "".join(f'<a href="{href}">{_e(title)}</a><br>' for title, href in RELATED)
    comments = "".join(
        f'<table class="cmt"><tr><td><b>{_e(who)}</b> wrote:</td></tr><tr><td>{_e(said)}'
        "</td></tr></table>"
        for who, said in COMMENTS
    )
    return (
        f'<html lang="en">{_head(story, url, json_ld=False)}<body bgcolor="#ffffff">'
        f'<table width="100%"><tr><td colspan="3"><font size="5">{SITE}</font> | '
        '<a href="/">Home</a> | <a href="/world">World</a> | <a href="/business">Business</a>'
        ' | <a href="/sport">Sport</a></td></tr><tr><td width="20%" valign="top">'
        f"<b>Other headlines</b><br>{left}</td>"
        f'<td width="60%" valign="top"><font size="4"><b>{_e(story.headline)}</b></font><br>'
        f"<i>By {_e(_authors(story))}, {story.published}</i><br><br>"
        f'<font face="Arial">{paragraphs}</font><br><br>'
        f'<div id="comments"><b>Reader comments</b>{comments}</div></td>'
        '<td width="20%" valign="top"><b>Sponsored</b><br>Get a better mortgage deal today '
        "with our partners. Compare rates from over 90 lenders in minutes.</td></tr>"
        '<tr><td colspan="3"><small>&copy; 2024 The Daily Example. All rights reserved. '
        '<a href="/privacy">Privacy</a></small></td></tr></table></body></html>'
    )


def blog(story: Story, url: str) -> str:
    paragraphs = "".join(f"<p>{_e(p)}</p>" for p in story.paragraphs)
    related = "".join(
        f'<div class="related-post"><h4><a href="{href}">{_e(title)}</a></h4><p>{_e(title)}. '
        "Read the full story and join the discussion with our readers.</p></div>"
        for title, href in RELATED[:3]
    )
    comments = "".join(
        f'<li class="comment"><div class="comment-author">{_e(who)} says:</div>'
        f'<div class="comment-content"><p>{_e(said)}</p></div><a class="reply">Reply</a></li>'
        for who, said in COMMENTS
    )
    return (
        f'<!doctype html><html lang="en-US">{_head(story, url)}<body class="single-post">'
        f'<div id="page"><header id="masthead"><h1 class="site-title">{SITE}</h1>{NAV}</header>'
        f'{COOKIES}<div id="content"><div class="post"><h2 class="entry-title">'
        f"{_e(story.headline)}</h2>"
        f'<div class="entry-meta">Posted on {story.published} by {_e(_authors(story))}</div>'
        '<div class="sharedaddy">Share: <a>Twitter</a> <a>Facebook</a> <a>WhatsApp</a></div>'
        f'<div class="entry-content">{paragraphs}</div>'
        '<div class="tags">Tags: <a>world</a>, <a>news</a>, <a>breaking</a></div></div>'
        f'<div class="related-posts"><h3>Related posts</h3>{related}</div>'
        f'<div id="comments"><h3>{len(COMMENTS)} thoughts on this</h3>'
        f'<ol class="commentlist">{comments}</ol><div id="respond"><h3>Leave a Reply</h3>'
        '<form><textarea name="comment"></textarea><input type="submit" value="Post Comment">'
        "</form></div></div></div>"
        '<div id="sidebar"><h3>Archives</h3><ul><li>March 2024</li><li>February 2024</li>'
        f"</ul></div>{FOOTER}</div></body></html>"
    )


def live(story: Story, url: str) -> str:
    sections = "".join(f"<section><p>{_e(p)}</p></section>" for p in story.paragraphs)
    trending = "".join(
        f'<li><a href="{href}"><span class="rank">{n}</span>{_e(title)}</a></li>'
        for n, (title, href) in enumerate(RELATED, start=1)
    )
    return (
        f'<!DOCTYPE html><html lang="en">{_head(story, url)}<body>'
        f'<div class="top-bar"><a href="/">{SITE}</a> <a href="/live">Live</a> '
        '<a href="/video">Video</a> <a href="/login">Sign in</a></div>'
        f'{NAV}{COOKIES}<main id="main-content"><header><h1>{_e(story.headline)}</h1>'
        f'<p class="standfirst">By {_e(_authors(story))} &middot; {story.published}</p>'
        f'</header><div class="article-body">{sections}</div>'
        '<div class="newsletter"><h3>Sign up for our morning briefing</h3><p>Get the most '
        "important stories of the day delivered to your inbox every morning before seven, "
        'free of charge. You can unsubscribe at any time.</p><input type="email"></div>'
        f'</main><aside class="trending"><h2>Trending now</h2><ol>{trending}</ol></aside>'
        f"{FOOTER}</body></html>"
    )


LAYOUTS = {"modern": modern, "table": table_layout, "blog": blog, "live": live}


def page(story: Story, layout: str, url: str) -> str:
    return LAYOUTS[layout](story, url)
