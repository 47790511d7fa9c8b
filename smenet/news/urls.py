from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/<slug:slug>/", views.article, name="article"),
    path("feeds/news.rss", feeds.NewsRss(), name="rss"),
    path("feeds/news.atom", feeds.NewsAtom(), name="atom"),
]
