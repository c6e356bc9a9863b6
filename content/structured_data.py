"""schema.org data for articles: a MedicalWebPage with authorship, review dates and its citations."""

from __future__ import annotations


def article_json_ld(page, references, *, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.seo_title or page.title,
        "headline": page.title,
        "url": url,
        "description": page.search_description or page.intro,
        "citation": [
            {
                "@type": "ScholarlyArticle" if ref["citation"].kind == "journal_article" else "WebPage",
                "name": ref["citation"].title,
                "author": ref["citation"].authors,
                "publisher": ref["citation"].publisher,
                **({"url": ref["citation"].link} if ref["citation"].link else {}),
            }
            for ref in references
        ],
    }
    if page.author:
        data["author"] = {"@type": "Organization" if "team" in page.author.lower() else "Person", "name": page.author}
    if page.medically_reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": page.medically_reviewed_by}
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.date_published:
        data["datePublished"] = page.date_published.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    return data
