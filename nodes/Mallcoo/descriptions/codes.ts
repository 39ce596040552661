import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The platform's numeric codes, from the User API page, "根据手机号获取用户资料" (https://docs.mallcoo.cn/open/api/User.html), with English labels.
 * Values are the codes the platform stores.
 */
function codes(...labels: string[]): INodePropertyOptions[] {
	return labels.map((name, value) => ({ name, value }));
}

export const GENDER = [
	{ name: 'Unknown', value: 0 },
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export const EDUCATION = codes(
	'Junior High School',
	'High School',
	"Bachelor's Degree",
	'Junior College',
	"Master's Degree",
	'Doctorate',
	'Prefer Not to Say',
);

export const MARITAL_STATUS = codes('Single', 'Married', 'Prefer Not to Say');

export const HAS_CHILDREN = codes('No', 'Yes', 'Prefer Not to Say');

export const INCOME = codes(
	'Under 3,000',
	'3,000–5,000',
	'5,000–8,000',
	'8,000–15,000',
	'15,000–25,000',
	'Over 25,000',
	'Prefer Not to Say',
);

export const CONVEYANCE = codes('Metro', 'Bus', 'Car', 'Bicycle', 'On Foot');

export const HOBBIES = codes(
	'Sports & Fitness',
	'DIY',
	'Movies',
	'Food',
	'Beauty & Skincare',
	'Shopping',
	'Photography',
	'Travel',
);

/** Shared by FocusInfoList and ShoppingInterestList. */
export const SHOPPING_CATEGORIES = codes(
	'Clothing',
	'Bags & Shoes',
	'Cosmetics & Skincare',
	'Jewelry',
	'Electronics',
	'Home & Personal Care',
	'Food',
	'Accessories',
	'Mother & Baby',
	'Family & Kids',
);

export const CONTACT_CHANNELS = codes('Email', 'Post', 'SMS', 'WeChat');

export const ACTIVITY_INTERESTS = codes(
	'Beauty & Wellness',
	'Karaoke',
	'Dining Together',
	'Movies',
);

/** DataSource of a sign-in callback (docs/mallcoo-protocol.md, "Shopper sign-in"). */
export const DATA_SOURCES: Record<number, string> = {
	1: 'Android app',
	2: 'iOS app',
	3: 'Browser',
	5: 'WeChat',
};

/** MallCardStatus: the User API page documents one value (UpdateStatus/ByThirdPartyCardID). */
export const CARD_STATUSES: INodePropertyOptions[] = [
	{
		name: 'Delete the Card (-1)',
		value: -1,
		description: "Removes the member's card in Mallcoo",
	},
];
