package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.List;

import com.example.profiles.attribution.Answer;
import com.example.profiles.catalog.Catalog;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.ranking.Reasons;

/** Turns a ranked page into the answer's items, and a request into the constraints the answer echoes. */
final class Answers {

    private Answers() {
    }

    static List<Recommendation.ScoredItem> items(Catalog catalog, SearchResult page, Reasons.Because[] reasons) {
        List<Recommendation.ScoredItem> items = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            int row = page.rows()[i];
            Reasons.Because reason = reasons == null ? null : reasons[i];
            items.add(new Recommendation.ScoredItem(catalog.itemIds()[row], catalog.titles()[row], page.scores()[i],
                    reason == null ? null : new Recommendation.Because(catalog.itemIds()[reason.row()],
                            catalog.titles()[reason.row()], reason.similarity())));
        }
        return items;
    }

    /** What the answer's id binds: whose answer, what made it, when, and the page's items in order. */
    static Answer served(Answer.About about, String subject, Recommendation.Model model, int offset,
                         List<Recommendation.ScoredItem> items) {
        List<String> ids = new ArrayList<>(items.size());
        for (Recommendation.ScoredItem item : items) {
            ids.add(item.itemId());
        }
        return new Answer(about, subject, model.name(), model.assigned(), model.strategy(), model.catalogVersion(),
                System.currentTimeMillis() / 1000, offset, ids);
    }

    static Recommendation.Constraints constraints(RecommendRequest r) {
        return new Recommendation.Constraints(RequestControls.echo(r));
    }
}
