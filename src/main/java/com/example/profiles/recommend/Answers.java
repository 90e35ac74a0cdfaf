package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.List;

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

    static Recommendation.Constraints constraints(RecommendRequest r) {
        return new Recommendation.Constraints(RequestControls.echo(r));
    }
}
